using DeepSeq.Data.WordVectors;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Data.WordVectors;

/// <summary>
/// FsCheck properties: whatever is written in either format (plain or gzipped) reads back word for word and bit for
/// bit, and LoadMatrix puts each vector in its word's row. Words mix ASCII, accented, CJK and emoji characters.
/// </summary>
public sealed class WordVectorRoundTripTests : IDisposable
{
    private const int Cases = 100;
    private readonly WordVectorFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static readonly string[] Pieces = ["a", "b", "Z", "0", ".", "-", "é", "日", "😀", "'s", "\t"];

    private static Gen<string> Word =>
        from n in Gen.Choose(1, 4)
        from parts in Gen.ArrayOf(Gen.Elements(Pieces), n)
        select string.Concat(parts);

    // Any finite float, from its bits: GloVe's text must survive float → shortest round-trip string → float.
    private static Gen<float> Value => Gen.Choose(int.MinValue, int.MaxValue).Select(BitConverter.Int32BitsToSingle).Where(float.IsFinite);

    private static Gen<(int Dim, (string Word, float[] Vector)[] Records, bool Gzip)> File =>
        from dim in Gen.Choose(1, 5)
        from count in Gen.Choose(0, 6)
        from words in Gen.ArrayOf(Word, count)
        from vectors in Gen.ArrayOf(Gen.ArrayOf(Value, dim), count)
        from gzip in Gen.Elements(false, true)
        select (dim, words.Zip(vectors).ToArray(), gzip);

    private static void Property<T>(Gen<T> gen, Action<T> body)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(gen.ToArbitrary(), body));

    private static void AssertSame((string Word, float[] Vector)[] expected, List<(string Word, float[] Vector)> actual)
    {
        Assert.Equal(expected.Select(r => r.Word), actual.Select(r => r.Word));
        Assert.Equal(expected.SelectMany(r => r.Vector).Select(BitConverter.SingleToInt32Bits),
                     actual.SelectMany(r => r.Vector).Select(BitConverter.SingleToInt32Bits));
    }

    private static void AssertAligned((string Word, float[] Vector)[] records, Tensor<float> m, int dim)
    {
        // Index = position in the file + 1, duplicates resolved as a dict would: the last occurrence wins.
        var index = new Dictionary<string, int>();
        var expected = new float[(records.Length + 1) * dim];
        foreach (var (word, vector) in records) index.TryAdd(word, index.Count + 1);
        foreach (var (word, vector) in records) vector.CopyTo(expected, index[word] * dim);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), m.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    private static Dictionary<string, int> IndexOf((string Word, float[] Vector)[] records)
    {
        var index = new Dictionary<string, int>();
        foreach (var (word, _) in records) index.TryAdd(word, index.Count + 1);
        return index;
    }

    [Fact]
    public void GloVeRoundTrips() => Property(File, f =>
    {
        string path = _files.GloVe(f.Records, f.Gzip);
        AssertSame(f.Records, GloVe.Read(path).ToList());
        AssertAligned(f.Records, GloVe.LoadMatrix(path, IndexOf(f.Records), f.Records.Length + 1, f.Dim), f.Dim);
    });

    [Fact]
    public void Word2VecRoundTrips() => Property(File, f =>
    {
        string path = _files.Word2Vec(f.Records, f.Dim, gzip: f.Gzip);
        AssertSame(f.Records, Word2Vec.Read(path).ToList());
        AssertAligned(f.Records, Word2Vec.LoadMatrix(path, IndexOf(f.Records), f.Records.Length + 1, f.Dim), f.Dim);
    });
}

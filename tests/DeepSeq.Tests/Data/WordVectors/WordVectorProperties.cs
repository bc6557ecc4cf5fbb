using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Data.WordVectors;

/// <summary>
/// FsCheck generators and checks for the round-trip properties in <see cref="GloVeTests"/> and
/// <see cref="Word2VecTests"/>: files of random words (ASCII, accented, CJK, emoji) and of finite floats drawn from
/// their bits, plain or gzipped; what is read back must match word for word and bit for bit.
/// </summary>
internal static class WordVectorProperties
{
    internal const int Cases = 100;

    internal static readonly string[] Pieces = ["a", "b", "Z", "0", ".", "-", "é", "日", "😀", "'s", "\t"];

    internal static Gen<string> Word =>
        from n in Gen.Choose(1, 4)
        from parts in Gen.ArrayOf(Gen.Elements(Pieces), n)
        select string.Concat(parts);

    // Any finite float, from its bits: GloVe's text must survive float → shortest round-trip string → float.
    internal static Gen<float> Value => Gen.Choose(int.MinValue, int.MaxValue).Select(BitConverter.Int32BitsToSingle).Where(float.IsFinite);

    internal static Gen<(int Dim, (string Word, float[] Vector)[] Records, bool Gzip)> File =>
        from dim in Gen.Choose(1, 5)
        from count in Gen.Choose(0, 6)
        from words in Gen.ArrayOf(Word, count)
        from vectors in Gen.ArrayOf(Gen.ArrayOf(Value, dim), count)
        from gzip in Gen.Elements(false, true)
        select (dim, words.Zip(vectors).ToArray(), gzip);

    internal static void Property<T>(Gen<T> gen, Action<T> body)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(gen.ToArbitrary(), body));

    internal static void AssertSame((string Word, float[] Vector)[] expected, List<(string Word, float[] Vector)> actual)
    {
        Assert.Equal(expected.Select(r => r.Word), actual.Select(r => r.Word));
        Assert.Equal(expected.SelectMany(r => r.Vector).Select(BitConverter.SingleToInt32Bits),
                     actual.SelectMany(r => r.Vector).Select(BitConverter.SingleToInt32Bits));
    }

    internal static void AssertAligned((string Word, float[] Vector)[] records, Tensor<float> m, int dim)
    {
        // Index = position in the file + 1, duplicates resolved as a dict would: the last occurrence wins.
        var index = new Dictionary<string, int>();
        var expected = new float[(records.Length + 1) * dim];
        foreach (var (word, vector) in records) index.TryAdd(word, index.Count + 1);
        foreach (var (word, vector) in records) vector.CopyTo(expected, index[word] * dim);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), m.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    internal static Dictionary<string, int> IndexOf((string Word, float[] Vector)[] records)
    {
        var index = new Dictionary<string, int>();
        foreach (var (word, _) in records) index.TryAdd(word, index.Count + 1);
        return index;
    }
}

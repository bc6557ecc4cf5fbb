using DeepSeq.Data;
using System.Text;
using DeepSeq.Data.WordVectors;
using Xunit;
using static DeepSeq.Tests.Data.WordVectors.WordVectorProperties;

namespace DeepSeq.Tests.Data.WordVectors;

/// <summary>
/// word2vec binary files written in the test: alignment, truncation, a lying header, non-ASCII words, and an FsCheck
/// round trip of whatever is written, plain or gzipped.
/// </summary>
public sealed class Word2VecTests : IDisposable
{
    private readonly WordVectorFiles _files = new();
    public void Dispose() => _files.Dispose();

    // System.IO.File would make the imported name ambiguous.
    private static global::FsCheck.Gen<(int Dim, (string Word, float[] Vector)[] Records, bool Gzip)> File
        => WordVectorProperties.File;

    private static readonly (string, float[])[] Records = [("the", [1f, 2f]), ("naïve", [3f, -4f]), ("dog", [0.5f, 6f])];

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void LoadMatrixAlignsRowsToTheWordIndex(bool gzip, bool newlines)
    {
        string path = _files.Word2Vec(Records, 2, gzip: gzip, newlines: newlines);

        var m = Word2Vec.LoadMatrix(path, new Dictionary<string, int> { ["dog"] = 1, ["cat"] = 2, ["naïve"] = 3, ["the"] = 7 }, 4, 2);

        Assert.Equal([0f, 0, 0.5f, 6, 0, 0, 3, -4], m.ToArray());
        Assert.Equal(["the", "naïve", "dog"], Word2Vec.Read(path).Select(r => r.Word));
    }

    [Fact]
    public void AHeaderClaimingMoreThanTheFileHoldsIsRejectedBeforeAllocating()
    {
        string path = _files.Word2Vec(Records, 2, vocab: 3_000_000_000);

        var error = Assert.Throws<DataFormatException>(() => Word2Vec.Read(path).First());

        Assert.StartsWith($"{path}: header: the header claims 3000000000 words of 2 dimensions", error.Message);
    }

    [Fact]
    public void AHugeDimensionInAGzippedHeaderEndsAsTruncatedNotOutOfMemory()
    {
        var bytes = Encoding.ASCII.GetBytes("1 200000000\nw ").Concat(new byte[16]).ToArray();
        string path = _files.Bytes(bytes, gzip: true);

        var error = Assert.Throws<DataFormatException>(() => Word2Vec.Read(path).ToList());

        Assert.StartsWith($"{path}: end of file: truncated: the vector of word 1 of 1 ('w') needs 800000000 bytes but the file ends after 16", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedRecordsAreNamed(bool gzip)
    {
        var full = WordVectorFiles.Word2VecBytes(Records, 2);
        string cutInVector = _files.Bytes(full[..^3], gzip);          // the last vector loses its newline and 2 bytes
        string cutInWord = _files.Bytes(WordVectorFiles.Word2VecBytes(Records, 2, vocab: 4).Concat("ca"u8.ToArray()).ToArray(), gzip);

        var e1 = Assert.Throws<DataFormatException>(() => Word2Vec.Read(cutInVector).ToList());
        var e2 = Assert.Throws<DataFormatException>(() => Word2Vec.Read(cutInWord).ToList());

        Assert.StartsWith($"{cutInVector}: end of file: truncated: the vector of word 3 of 3 ('dog') needs 8 bytes but the file ends after 6", e1.Message);
        Assert.StartsWith($"{cutInWord}: end of file: truncated: word 4 of 4 ('ca…')", e2.Message);
    }

    [Fact]
    public void AHeaderCountTooSmallOrMalformedIsRejected()
    {
        string extra = _files.Word2Vec(Records, 2, vocab: 2);
        string bad = _files.Bytes("hello world\n"u8.ToArray());
        string empty = _files.Bytes([]);

        Assert.Contains("more data follows the 2 words", Assert.Throws<DataFormatException>(() => Word2Vec.Read(extra).ToList()).Message);
        Assert.StartsWith($"{bad}: header: not a word2vec binary file", Assert.Throws<DataFormatException>(() => Word2Vec.Read(bad).ToList()).Message);
        Assert.StartsWith($"{empty}: end of file: the file is empty", Assert.Throws<DataFormatException>(() => Word2Vec.Read(empty).ToList()).Message);
    }

    [Fact]
    public void ADimensionOtherThanTheHeadersIsRejected()
    {
        string path = _files.Word2Vec(Records, 2);

        var error = Assert.Throws<DataFormatException>(() => Word2Vec.LoadMatrix(path, new Dictionary<string, int>(), 3, 5));

        Assert.Equal($"{path}: header: the header says the vectors have 2 dimensions, but dim = 5 was asked for", error.Message);
    }

    [Fact]
    public void InvalidUtf8WordsAreRejected()
    {
        var bytes = Encoding.ASCII.GetBytes("1 1\n").Concat(new byte[] { 0xFF, 0xFE, (byte)' ', 0, 0, 0, 0 }).ToArray();
        string path = _files.Bytes(bytes);

        var error = Assert.Throws<DataFormatException>(() => Word2Vec.Read(path).ToList());

        Assert.Equal($"{path}: word 1: word 1 of 1 is not valid UTF-8 (bytes FFFE)", error.Message);
    }

    [Fact]
    public void Word2VecRoundTrips() => Property(File, f =>
    {
        string path = _files.Word2Vec(f.Records, f.Dim, gzip: f.Gzip);
        AssertSame(f.Records, Word2Vec.Read(path).ToList());
        AssertAligned(f.Records, Word2Vec.LoadMatrix(path, IndexOf(f.Records), f.Records.Length + 1, f.Dim), f.Dim);
    });
}

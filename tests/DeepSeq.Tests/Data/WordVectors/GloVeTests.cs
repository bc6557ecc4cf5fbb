using DeepSeq.Data;
using DeepSeq.Data.WordVectors;
using Xunit;
using Xunit.Abstractions;
using static DeepSeq.Tests.Data.WordVectors.WordVectorProperties;

namespace DeepSeq.Tests.Data.WordVectors;

/// <summary>
/// GloVe text files written in the test: alignment to a word index, the errors with their line numbers, and an FsCheck
/// round trip; then the partial GloVe 6B 100d file in <c>../shared/data/glove</c> beside the repository, with expected
/// numbers from its SOURCE.md. When that file is absent its test passes with a message saying so.
/// </summary>
public sealed class GloVeTests(ITestOutputHelper output) : IDisposable
{
    private readonly WordVectorFiles _files = new();
    public void Dispose() => _files.Dispose();

    // System.IO.File would make the imported name ambiguous.
    private static global::FsCheck.Gen<(int Dim, (string Word, float[] Vector)[] Records, bool Gzip)> File
        => WordVectorProperties.File;

    private const string Small = "the 0.1 0.2 0.3\ncat -1 2.5 3e-2\nzebra 7 8 9\ndog 4 5 6\n";
    private static readonly Dictionary<string, int> Index = new() { ["the"] = 1, ["cat"] = 2, ["mouse"] = 3, ["dog"] = 4, ["zebra"] = 9 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RowIIsTheVectorOfTheWordWithIndexIAndMissingWordsStayZero(bool gzip)
    {
        string path = _files.Text(Small, gzip);

        var m = GloVe.LoadMatrix(path, Index, numWords: 5, dim: 3);

        // Hand-derived golden matrix: row 0 (padding) and row 3 ("mouse", not in the file) are zero; zebra (9) is ≥ numWords.
        Assert.Equal(new Shape(5, 3), m.Shape);
        Assert.Equal([0f, 0, 0, 0.1f, 0.2f, 0.3f, -1, 2.5f, 0.03f, 0, 0, 0, 4, 5, 6], m.ToArray());
    }

    [Fact]
    public void ReadIsLazyAndInfersTheDimensionFromTheFirstLine()
    {
        string path = _files.Text(Small + "bad 1 2\n");

        using var e = GloVe.Read(path).GetEnumerator();   // nothing read yet: the bad line 5 does not throw here
        Assert.True(e.MoveNext());
        Assert.Equal("the", e.Current.Word);
        Assert.Equal([0.1f, 0.2f, 0.3f], e.Current.Vector);
        Assert.True(e.MoveNext() && e.MoveNext() && e.MoveNext());
        var error = Assert.Throws<DataFormatException>(() => e.MoveNext());
        Assert.StartsWith(path + ": line 5: the word 'bad' has 2 values; expected 3 (the dimension of line 1)", error.Message);
    }

    [Theory]
    [InlineData("a 1 2 3\nb 1 2\n", "line 2: the word 'b' has 2 values; expected 3")]
    [InlineData("a 1 2 3\nb 1 2 3 4\n", "line 2: the word 'b' has 4 values; expected 3")]
    [InlineData("a 1 2 3\nb 1 x 3\n", "line 2, value 2 of 3: 'x' (word 'b') is not a finite float32 number")]
    [InlineData("a 1 2 3\nb 1  3\n", "line 2, value 2 of 3: '' (word 'b') is not a finite float32 number")]
    [InlineData("a 1 2 3\n\nb 1 2 3\n", "line 2: the line is empty")]
    [InlineData("a 1 2 3\nlonely\n", "line 2: the word 'lonely' has 0 values; expected 3")]
    [InlineData("a 1 2 3\n 1 2 3\n", "line 2: the line starts with a space")]
    public void MalformedLinesNameTheFileAndLine(string text, string expected)
    {
        string path = _files.Text(text);
        var index = new Dictionary<string, int> { ["a"] = 1 };

        var error = Assert.Throws<DataFormatException>(() => GloVe.LoadMatrix(path, index, 2, 3));

        Assert.StartsWith($"{path}: {expected}", error.Message);
    }

    /// <summary>Issue 15: an empty GloVe file (or an empty gzip stream) gave 0 words and no error.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EmptyGloveFileIsRefused(bool gzip)
    {
        string path = _files.Text("", gzip);
        var error = Assert.Throws<DataFormatException>(() => GloVe.Read(path).ToList());
        Assert.Equal($"{path}: end of file: the file holds no word vectors (it is empty)", error.Message);
    }

    /// <summary>Issue 15: NaN, infinities and a float32 overflow (1e999, 1e39) were read as vector values.</summary>
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    [InlineData("1e39")]
    public void NonFiniteInGloVeIsRefused(string value)
    {
        string path = _files.Text($"a 1 2 3\nb 1 {value} 3\n");
        var error = Assert.Throws<DataFormatException>(() => GloVe.Read(path).ToList());
        Assert.Equal((path, "line 2, value 2 of 3"), (error.Path, error.Position));
        Assert.Equal($"'{value}' (word 'b') is not a finite float32 number", error.Reason);
    }

    /// <summary>Issue 15: invalid UTF-8 in a word became U+FFFD, a word no index holds.</summary>
    [Fact]
    public void InvalidUtf8InGloVeIsRefused()
    {
        string path = _files.Bytes([.. "a 1 2 3\ncaf"u8, 0xE9, .. " 4 5 6\n"u8]);
        var error = Assert.Throws<DataFormatException>(() => GloVe.Read(path).ToList());
        Assert.Equal((path, "line 2, byte 11"), (error.Path, error.Position));
        Assert.StartsWith("invalid UTF-8", error.Reason);
    }

    /// <summary>Issue 15: a .gz cut short gave the words before the cut and no error.</summary>
    [Fact]
    public void TruncatedGzipGloveIsRefused()
    {
        byte[] packed = System.IO.File.ReadAllBytes(_files.Text(Small, gzip: true));
        string path = _files.Bytes(packed[..^4]);
        var error = Assert.Throws<DataFormatException>(() => GloVe.Read(path).ToList());
        Assert.Equal(path, error.Path);
        Assert.Contains("gzip", error.Message);
    }

    [Fact]
    public void AGivenDimensionIsCheckedOnTheFirstLineToo()
    {
        string path = _files.Text("a 1 2\n");

        var error = Assert.Throws<DataFormatException>(() => GloVe.LoadMatrix(path, new Dictionary<string, int>(), 2, 3));

        Assert.Equal($"{path}: line 1: the word 'a' has 2 values; expected 3 (the dimension asked for)", error.Message);
    }

    [Fact]
    public void NonAsciiWordsAndCrLfLineEndsAreRead()
    {
        string path = _files.Text("café 1 2\r\n–  3 4\r\n日本 5 6\r\n😀 7 8 \r\n".Replace("–  ", "– "));

        var records = GloVe.Read(path).ToList();

        Assert.Equal(["café", "–", "日本", "😀"], records.Select(r => r.Word));
        Assert.Equal([7f, 8f], records[3].Vector);
        var m = GloVe.LoadMatrix(path, new Dictionary<string, int> { ["日本"] = 1, ["café"] = 2 }, 3, 2);
        Assert.Equal([0f, 0, 5, 6, 1, 2], m.ToArray());
    }

    [Fact]
    public void ALaterDuplicateWinsAsInKerassDict()
    {
        string path = _files.Text("a 1 1\na 2 2\n");

        var m = GloVe.LoadMatrix(path, new Dictionary<string, int> { ["a"] = 0 }, 1, 2);

        Assert.Equal([2f, 2], m.ToArray());
    }

    [Fact]
    public void BadArgumentsAreRejectedBeforeReading()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GloVe.LoadMatrix("x", Index, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => GloVe.LoadMatrix("x", Index, 3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GloVe.Read("x", 0));
        Assert.Throws<ArgumentException>(() => GloVe.LoadMatrix("x", new Dictionary<string, int> { ["a"] = -1 }, 3, 3));
    }

    [Fact]
    public void GloVeRoundTrips() => Property(File, f =>
    {
        string path = _files.GloVe(f.Records, f.Gzip);
        if (f.Records.Length == 0)   // an empty file is no set of word vectors (issue 15)
        {
            Assert.Equal("end of file", Assert.Throws<DataFormatException>(() => GloVe.Read(path).ToList()).Position);
            return;
        }
        AssertSame(f.Records, GloVe.Read(path).ToList());
        AssertAligned(f.Records, GloVe.LoadMatrix(path, IndexOf(f.Records), f.Records.Length + 1, f.Dim), f.Dim);
    });

    [Fact]
    public void TheFirst2717WordsOfGlove6B100d()
    {
        if (SharedData.Find(output, "glove", "glove.6B.100d.first2717.txt") is not string path) return;

        var records = GloVe.Read(path).ToList();

        Assert.Equal(2_717, records.Count);
        Assert.All(records, r => Assert.Equal(100, r.Vector.Length));
        Assert.Equal(["the", ",", ".", "of", "to"], records.Take(5).Select(r => r.Word));
        var the = records.Single(r => r.Word == "the").Vector;
        Assert.Equal([-0.038194f, -0.24487f, 0.72812f], the[..3]);   // the first line's first three values

        var m = GloVe.LoadMatrix(path, new Dictionary<string, int> { ["the"] = 1, ["of"] = 2, ["qwxzyv"] = 3 }, 4, 100);
        var rows = m.ToArray();
        Assert.Equal(the, rows[100..200]);
        Assert.Equal(records[3].Vector, rows[200..300]);
        Assert.All(rows[300..400], v => Assert.Equal(0f, v));
        output.WriteLine($"read {path}: {records.Count} words of dimension {records[0].Vector.Length}");
    }
}

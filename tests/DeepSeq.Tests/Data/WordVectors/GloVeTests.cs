using DeepSeq.Data.WordVectors;
using Xunit;

namespace DeepSeq.Tests.Data.WordVectors;

/// <summary>GloVe text files written in the test: alignment to a word index, and the errors with their line numbers.</summary>
public sealed class GloVeTests : IDisposable
{
    private readonly WordVectorFiles _files = new();
    public void Dispose() => _files.Dispose();

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
        var error = Assert.Throws<InvalidDataException>(() => e.MoveNext());
        Assert.StartsWith(path + ": line 5 (word 'bad') has 2 values; expected 3 (the dimension of line 1)", error.Message);
    }

    [Theory]
    [InlineData("a 1 2 3\nb 1 2\n", "line 2 (word 'b') has 2 values; expected 3")]
    [InlineData("a 1 2 3\nb 1 2 3 4\n", "line 2 (word 'b') has 4 values; expected 3")]
    [InlineData("a 1 2 3\nb 1 x 3\n", "line 2 (word 'b'): value 2 of 3, 'x', is not a number")]
    [InlineData("a 1 2 3\nb 1  3\n", "line 2 (word 'b'): value 2 of 3, '', is not a number")]
    [InlineData("a 1 2 3\n\nb 1 2 3\n", "line 2 is empty")]
    [InlineData("a 1 2 3\nlonely\n", "line 2 (word 'lonely') has 0 values; expected 3")]
    [InlineData("a 1 2 3\n 1 2 3\n", "line 2 starts with a space")]
    public void MalformedLinesNameTheFileAndLine(string text, string expected)
    {
        string path = _files.Text(text);
        var index = new Dictionary<string, int> { ["a"] = 1 };

        var error = Assert.Throws<InvalidDataException>(() => GloVe.LoadMatrix(path, index, 2, 3));

        Assert.StartsWith($"{path}: {expected}", error.Message);
    }

    [Fact]
    public void AGivenDimensionIsCheckedOnTheFirstLineToo()
    {
        string path = _files.Text("a 1 2\n");

        var error = Assert.Throws<InvalidDataException>(() => GloVe.LoadMatrix(path, new Dictionary<string, int>(), 2, 3));

        Assert.Equal($"{path}: line 1 (word 'a') has 2 values; expected 3 (the dimension asked for)", error.Message);
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
}

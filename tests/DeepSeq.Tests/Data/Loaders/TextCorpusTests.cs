using DeepSeq.Data;
using DeepSeq.Data.Loaders;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Loaders;

public sealed class TextCorpusTests(ITestOutputHelper output) : IDisposable
{
    private readonly LoaderTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void LoadsTextCountsCharactersAndSortsTheVocabularyByCodePoint()
    {
        var corpus = TextCorpus.Load(_files.Write("t.txt", "Bä a\r\nab"));

        Assert.Equal("Bä a\nab", corpus.Text);   // CRLF becomes LF, as Python's text mode
        Assert.Equal(7, corpus.Length);          // characters, not the 9 bytes of UTF-8
        Assert.Equal(['\n', ' ', 'B', 'a', 'b', 'ä'], corpus.Vocabulary.Chars);
        Assert.Equal([2, 5, 1, 3], corpus.Vocabulary.Encode("Bä a"));
        Assert.Equal("ab", corpus.Vocabulary.Decode([3, 4]));
        Assert.Throws<ArgumentException>(() => corpus.Vocabulary.IndexOf('z'));
        Assert.Throws<ArgumentOutOfRangeException>(() => corpus.Vocabulary.Decode([6]));

        var lower = TextCorpus.Load(_files.Write("t2.txt", "\uFEFFAb"), lowercase: true);
        Assert.Equal("ab", lower.Text);   // the BOM is dropped
    }

    [Fact]
    public void BadFilesNameTheFile()
    {
        string empty = _files.Write("empty.txt", "");
        var e = Assert.Throws<DataFormatException>(() => TextCorpus.Load(empty));
        Assert.Equal($"{empty}: end of file: the file is empty; expected text", e.Message);

        string latin1 = _files.WriteBytes("latin1.txt", [0x61, 0xE4, 0x62]);
        e = Assert.Throws<DataFormatException>(() => TextCorpus.Load(latin1));
        Assert.StartsWith($"{latin1}: line 1, byte 1: invalid UTF-8", e.Message);

        string emoji = _files.Write("emoji.txt", "ab\ncd😀e");
        e = Assert.Throws<DataFormatException>(() => TextCorpus.Load(emoji));
        Assert.StartsWith($"{emoji}: line 2, column 3: U+1F600 lies outside the Basic Multilingual Plane", e.Message);
    }

    [Theory]
    [InlineData("tinyshakespeare_input.txt", 1_115_394, 65)]   // SOURCE.md: bytes = characters (ASCII), 65 distinct
    [InlineData("nietzsche.txt", 600_893, -1)]                 // SOURCE.md: 600,901 bytes but 600,893 characters
    public void RealCorporaHaveTheCharacterCountsOfSourceMd(string file, int characters, int distinct)
    {
        if (LoaderTestFiles.Shared(output, "textgen_corpus", file) is not string path) return;
        var corpus = TextCorpus.Load(path);

        Assert.Equal(characters, corpus.Length);
        if (distinct > 0) Assert.Equal(distinct, corpus.Vocabulary.Count);
        var windows = corpus.Windows(60, 3);
        Assert.Equal((characters - 60 + 2) / 3, windows.Count);
        var last = windows[^1];
        Assert.Equal(corpus.Text[last.Start + 60], last.Next);
        var lower = TextCorpus.Load(path, lowercase: true);
        output.WriteLine($"{file}: {corpus.Length} chars, {corpus.Vocabulary.Count} distinct ({lower.Vocabulary.Count} lowercased), {windows.Count} windows of 60 at step 3");
    }
}

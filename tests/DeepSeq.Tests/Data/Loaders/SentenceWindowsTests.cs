using DeepSeq.Data.Loaders;
using Xunit;

namespace DeepSeq.Tests.Data.Loaders;

/// <summary>
/// <see cref="SentenceWindows"/> from <see cref="TextCorpus.Windows"/>: the windows of Chollet's sampling loop, their
/// count and indexing, and the arguments refused.
/// </summary>
public sealed class SentenceWindowsTests : IDisposable
{
    private readonly LoaderTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void WindowsFollowCholletsLoop()
    {
        var corpus = TextCorpus.Load(_files.Write("t.txt", "abcdefghij"));   // 10 chars
        var windows = corpus.Windows(maxlen: 3, step: 2);

        // range(0, 10 - 3, 2) = 0, 2, 4, 6
        Assert.Equal(4, windows.Count);
        Assert.Equal([new(0, "abc", 'd'), new(2, "cde", 'f'), new(4, "efg", 'h'), new SentenceWindow(6, "ghi", 'j')], windows);
        Assert.Equal(new SentenceWindow(4, "efg", 'h'), windows[2]);
        Assert.Equal(7, corpus.Windows(3, 1).Count);
        Assert.Single(corpus.Windows(9, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => windows[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => corpus.Windows(10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => corpus.Windows(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => corpus.Windows(3, 0));
    }
}

using DeepSeq.Data;
using DeepSeq.Data.Loaders;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Loaders;

/// <summary>
/// <see cref="HateSpeechTweets"/> on small files written here (classes, multi-line tweets, errors naming file and
/// line), then on the real labeled_data.csv when <c>../shared/data</c> holds it.
/// </summary>
public sealed class HateSpeechTweetsTests(ITestOutputHelper output) : IDisposable
{
    private readonly LoaderTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void HateSpeechTweetsReadClassesAndMultilineTweets()
    {
        string text = ",count,hate_speech,offensive_language,neither,class,tweet\n" +
                      "0,3,0,0,3,2,\"!!! RT, \"\"quoted\"\"\nsecond line\"\n" +
                      "5,3,2,1,0,0,short\n" +
                      "9,3,0,3,0,1,\"a,b\"\n";
        var tweets = HateSpeechTweets.Load(_files.Write("h.csv", text));

        Assert.Equal(3, tweets.Count);
        Assert.Equal([2, 0, 1], tweets.Labels);
        Assert.Equal("!!! RT, \"quoted\"\nsecond line", tweets.Texts[0]);
        Assert.Equal("a,b", tweets.Texts[2]);
        Assert.Equal(["hate speech", "offensive language", "neither"], HateSpeechTweets.ClassNames);
    }

    [Theory]
    [InlineData(",count,hate_speech,offensive_language,neither,class,tweet\n0,3,0,0,3,2,\"a\nb\"\n1,3,0,0,3,3,c\n", "line 4, column 'class' (field 6): 3 is not a class")]
    [InlineData(",count,hate_speech,offensive_language,neither,class,tweet\n0,3,0,0,3,x,a\n", "line 2, column 'class'")]
    [InlineData("count,hate_speech,offensive_language,neither,class,tweet\n3,0,0,3,2,a\n", "line 1: expected the header")]
    [InlineData(",count,hate_speech,offensive_language,neither,class,tweet\n", "a header but no tweets")]
    public void BadHateSpeechFilesNameTheFileAndLine(string text, string expected)
    {
        string path = _files.Write("bad.csv", text);
        var e = Assert.Throws<DataFormatException>(() => HateSpeechTweets.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void RealHateSpeechFileHas24783Tweets()
    {
        if (LoaderTestFiles.Shared(output, "hate_speech", "labeled_data.csv") is not string path) return;
        var tweets = HateSpeechTweets.Load(path);

        Assert.Equal(24_783, tweets.Count);
        var counts = tweets.Labels.CountBy(l => l).ToDictionary();
        Assert.Equal(1_430, counts[0]);   // SOURCE.md
        Assert.Equal(19_190, counts[1]);
        Assert.Equal(4_163, counts[2]);
        Assert.Contains(tweets.Texts, t => t.Contains('\n'));
    }
}

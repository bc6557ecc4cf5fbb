using DeepSeq.Data;
using DeepSeq.Data.Loaders;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Loaders;

/// <summary>
/// <see cref="EmotionTweets"/> on small files written here (quoted commas and line breaks, code-point class order,
/// errors naming file and line), then on the real text_emotion.csv when <c>../shared/data</c> holds it.
/// </summary>
public sealed class EmotionTweetsTests(ITestOutputHelper output) : IDisposable
{
    private readonly LoaderTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void EmotionTweetsKeepQuotedCommasAndNewlinesAndSortClassesByCodePoint()
    {
        string text = "tweet_id,sentiment,author,content\n" +
                      "1,worry,a,\"ok, so\nthat was \"\"fine\"\"\"\n" +
                      "2,Sad,b,plain\n" +
                      "3,anger,c,\"x,y\"\n" +
                      "4,worry,d,\n";
        var tweets = EmotionTweets.Load(_files.Write("e.csv", text));

        Assert.Equal(4, tweets.Count);
        Assert.Equal(["Sad", "anger", "worry"], tweets.Classes);   // ordinal: 'S' (U+0053) before 'a'
        Assert.Equal([2, 0, 1, 2], tweets.Labels);
        Assert.Equal("ok, so\nthat was \"fine\"", tweets.Texts[0]);
        Assert.Equal("x,y", tweets.Texts[2]);
        Assert.Equal("", tweets.Texts[3]);
        Assert.Equal([1L, 2, 3, 4], tweets.TweetIds);
        Assert.Equal(["a", "b", "c", "d"], tweets.Authors);
    }

    [Theory]
    [InlineData("id,sentiment,author,content\n1,x,a,b\n", "line 1: expected the header")]
    [InlineData("tweet_id,sentiment,author,content\n", "a header but no tweets")]
    [InlineData("tweet_id,sentiment,author,content\n1,x,a,b\n\n2, ,a,b\n", "line 4, column 'sentiment' (field 2): the sentiment is empty")]
    [InlineData("tweet_id,sentiment,author,content\nabc,x,a,b\n", "line 2, column 'tweet_id'")]
    [InlineData("tweet_id,sentiment,author,content\n1,x,a,\"never closed\n", "line 2: field 4 opens a quote")]
    public void BadEmotionFilesNameTheFileAndLine(string text, string expected)
    {
        string path = _files.Write("bad.csv", text);
        var e = Assert.Throws<DataFormatException>(() => EmotionTweets.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void RealEmotionFileHas40000TweetsIn13Classes()
    {
        if (LoaderTestFiles.Shared(output, "text_emotion", "text_emotion.csv") is not string path) return;
        var tweets = EmotionTweets.Load(path);

        Assert.Equal(40_000, tweets.Count);
        Assert.Equal(["anger", "boredom", "empty", "enthusiasm", "fun", "happiness", "hate", "love", "neutral",
                      "relief", "sadness", "surprise", "worry"], tweets.Classes);
        var counts = tweets.Labels.CountBy(l => tweets.Classes[l]).ToDictionary();
        Assert.Equal(8_638, counts["neutral"]);   // SOURCE.md
        Assert.Equal(8_459, counts["worry"]);
        Assert.Equal(110, counts["anger"]);
        Assert.Equal(40_000, tweets.TweetIds.Distinct().Count());
    }
}

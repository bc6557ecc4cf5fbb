using DeepSeq.Data.Loaders;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Loaders;

public sealed class TweetLoaderTests(ITestOutputHelper output) : IDisposable
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
        var e = Assert.Throws<InvalidDataException>(() => EmotionTweets.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(expected, e.Message);
    }

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
        var e = Assert.Throws<InvalidDataException>(() => HateSpeechTweets.Load(path));
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

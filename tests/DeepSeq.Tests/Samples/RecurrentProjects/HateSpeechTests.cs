using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.RecurrentProjects.HateSpeech;
using Xunit;

namespace DeepSeq.Tests.Samples.RecurrentProjects;

/// <summary>E8's pieces: the project's tweet cleaning, the 70/30 then 10 % split, and the head's parameter count
/// (its quick run is in RecurrentProjectsTests).</summary>
public sealed class HateSpeechTests
{
    [Theory]
    [InlineData("!!! RT @mayasolovely: As a woman &amp; #Proud http://t.co/x1 &#128514;&#128514;",
        "!!! <user> : as a woman proud <url> <emotion>")]
    [InlineData("&#8220;@a_b: quoted&#8221; RT", "<user> : quoted")]
    [InlineData("I ❤️ you ☺ www.x.com", "i <emotion> you <emotion> <url>")]
    [InlineData("ART and RTX stay", "art and rtx stay")]
    [InlineData("", "")]
    public void CleaningIsTheProjects(string tweet, string cleaned) => Assert.Equal(cleaned, TweetCleaning.Clean(tweet));

    [Fact]
    public void TheSplitIsSeventyThirtyThenTenPercentAndCoversEveryTweetOnce()
    {
        var data = HateSpeechData.Load(new RunOptions(null, null, true, 42, Path.GetTempPath(), true), 1000);
        Assert.Equal((630, 70, 300), (data.Train.Length, data.Validation.Length, data.Test.Length));
        Assert.Equal(Enumerable.Range(0, 1000), data.Train.Concat(data.Validation).Concat(data.Test).Order());
    }

    /// <summary>BiLSTM 2·4·384·(384 + 384 + 1), Dense 768·512 + 512, LayerNorm 2·512, Dense 512·3 + 3.</summary>
    [Fact]
    public void TheHeadHasTheFormulasParameters()
        => Assert.Equal(2L * 4 * 384 * 769 + 768 * 512 + 512 + 1024 + 512 * 3 + 3,
            HateSpeechClassifier.Head(384).CountParams());
}

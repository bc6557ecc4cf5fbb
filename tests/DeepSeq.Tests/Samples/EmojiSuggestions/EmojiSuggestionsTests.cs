using System.Text;
using System.Text.Json;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.EmojiSuggestions;
using DeepSeq.Samples.EmojiSuggestions.Classical;
using DeepSeq.Samples.EmojiSuggestions.Tweets;
using Xunit;

namespace DeepSeq.Tests.Samples.EmojiSuggestions;

/// <summary>
/// The chapter's data paths and experiments: the emoji variant of a generated CSV (one distinct emoji kept and
/// removed, rare labels dropped), the TF-IDF split's sizes, C2's word order, and C1 and C2 end to end with
/// <c>--quick --synthetic</c> and on the generated emoji CSV. The algorithms' own tests are in BaselinesTests.cs.
/// </summary>
public sealed class EmojiSuggestionsTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("deepseq-emoji-suggestions-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    /// <summary>A CSV of tweets: 30 with 😂 (some repeated, one with a skin-toned 👍 too), 25 with ❤ (written with
    /// its variation selector), 3 with 🎉, 4 with two distinct emojis and 6 with none.</summary>
    private string EmojiCsv()
    {
        var lines = new List<string> { "id,text" };
        for (int i = 0; i < 30; i++) lines.Add($"{i},\"so funny {i} 😂{(i % 3 == 0 ? "😂" : "")} lol\"");
        for (int i = 0; i < 25; i++) lines.Add($"{100 + i},i love you {i} \u2764\uFE0F");
        for (int i = 0; i < 3; i++) lines.Add($"{200 + i},party {i} 🎉");
        for (int i = 0; i < 4; i++) lines.Add($"{300 + i},mixed {i} 😂 🎉");
        for (int i = 0; i < 6; i++) lines.Add($"{400 + i},plain words {i}");
        lines.Add("500,thumbs 👍🏽 up");
        string path = Path.Combine(_out, "emoji.csv");
        File.WriteAllLines(path, lines, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void OneDistinctEmojiBecomesTheLabelAndLeavesTheText()
    {
        Assert.Equal(("😂", "so funny  lol"), EmojiTweets.Split("so funny 😂😂 lol"));
        Assert.Equal(("❤", "i love you "), EmojiTweets.Split("i love you \u2764\uFE0F"));
        Assert.Equal(("👍", "thumbs  up"), EmojiTweets.Split("thumbs 👍🏽 up"));   // the skin tone is part of 👍
        Assert.Null(EmojiTweets.Split("mixed 😂 🎉"));
        Assert.Null(EmojiTweets.Split("no emoji here :)"));
    }

    [Fact]
    public void TheEmojiVariantDropsLabelsWithTooFewTweets()
    {
        var data = EmojiTweets.Load(EmojiCsv(), minimum: 20);
        Assert.Equal(["❤", "😂"], data.Classes);   // 🎉 (3) and 👍 (1) have ≤ 20 tweets; sorted by code point
        Assert.Equal(55, data.Count);
        Assert.Equal(30, data.Labels.Count(l => l == 1));
        Assert.DoesNotContain(data.Texts, t => t.Contains("😂") || t.Contains('\u2764') || t.Contains('\uFE0F'));
        Assert.Equal("so funny 3  lol", data.Texts[3]);
        Assert.Contains("55 of 69 tweets", data.Origin.Description);

        var none = Assert.Throws<InvalidDataException>(() => EmojiTweets.Load(EmojiCsv()));   // the book's 1,000
        Assert.Contains("emoji.csv", none.Message);
        string noText = Path.Combine(_out, "bad.csv");
        File.WriteAllLines(noText, ["id,body", "1,hello 😂"]);
        var noColumn = Assert.Throws<InvalidDataException>(() => EmojiTweets.Load(noText));
        Assert.Contains("no column 'text'", noColumn.Message);
        Assert.Throws<FileNotFoundException>(() => EmojiTweets.Load(Path.Combine(_out, "missing.csv")));
    }

    [Fact]
    public void TheSplitHasScikitLearnsSizes()
    {
        var tweets = SyntheticTweets.Generate(40_000, 42, "test");
        Assert.Equal(13, tweets.Classes.Count);
        var features = TfidfFeatures.Build(tweets);
        Assert.Equal(26_800, features.XTrain.Rows);
        Assert.Equal(13_200, features.XTest.Rows);
        Assert.Equal(features.XTrain.Columns, features.XTest.Columns);
        var first = features.XTrain.SelectRows([0]);
        Assert.Equal(features.XTrain.Row(0).Values.ToArray(), first.Values);
    }

    [Fact]
    public void TopWordsAreTheMostProbablePerClassLaterWordsFirstAmongTies()
    {
        double[,] proba = { { 0.9, 0.1 }, { 0.5, 0.5 }, { 0.5, 0.5 }, { 0.2, 0.8 } };
        var top = NaiveBayesWords.TopWords(proba, ["a", "b", "c", "d"], 2);
        Assert.Equal(["a", "c"], top[0]);
        Assert.Equal(["d", "c"], top[1]);
        Assert.Equal(3, NaiveBayesWords.Identity(3).NonZeroCount);
    }

    [Theory]
    [InlineData("c1")]
    [InlineData("c2")]
    [InlineData("c3")]
    [InlineData("c4")]
    [InlineData("c5")]
    [InlineData("c6")]
    [InlineData("c7")]
    [InlineData("c9")]
    public void EveryExperimentRunsQuickly(string id)
    {
        var output = new StringWriter();
        int code = EmojiSuggestionsSample.Run(["run", id, "--quick", "--synthetic", "--out", _out], output);
        Assert.True(code == 0, output.ToString());
        Assert.Contains("SYNTHETIC", output.ToString());
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "results.json")));
        Assert.Contains(id.ToUpperInvariant(), results.RootElement.GetRawText());
    }

    [Fact]
    public void C1RunsOnTheEmojiVariantOfAUserCsv()
    {
        var output = new StringWriter();
        int code = EmojiSuggestionsSample.Run(
            ["run", "c1", "--quick", "--out", _out, $"--{TweetData.EmojiCsvOption.TrimStart('-')}", EmojiCsv(),
             TweetData.EmojiMinOption, "20"], output);
        Assert.True(code == 0, output.ToString());
        Assert.Contains("Emoji tweets: emoji.csv: 55 of 69", output.ToString());
        Assert.Contains("label counts: 😂 30, ❤ 25", output.ToString());
    }

    [Fact]
    public void ListNamesTheExperiments()
    {
        var output = new StringWriter();
        Assert.Equal(0, EmojiSuggestionsSample.Run(["list"], output));
        Assert.Contains("C1", output.ToString());
        Assert.Contains("C2", output.ToString());
        Assert.Contains("C9", output.ToString());
    }

    [Fact]
    public void C8TrainsWhatItNeedsAndWritesItsTable()
    {
        var output = new StringWriter();
        int code = EmojiSuggestionsSample.Run(["run", "c8", "--quick", "--synthetic", "--out", _out], output);
        Assert.True(code == 0, output.ToString());
        string text = output.ToString();
        Assert.Contains("C3: train acc", text);
        Assert.Contains("C5: train acc", text);
        Assert.Contains("C7: train acc", text);
        Assert.Contains("the book used GoogleNews word2vec", text);
        string[] table = File.ReadAllLines(Path.Combine(_out, "C8_agreement.tsv"));
        Assert.Equal("text\ttrue\tchar_cnn\tcnn\tlstm", table[0]);
        Assert.Equal(101, table.Length);
    }
}

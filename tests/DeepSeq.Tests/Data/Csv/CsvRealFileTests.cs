using System.Diagnostics;
using DeepSeq.Data.Csv;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Csv;

/// <summary>
/// The two tweet corpora in <c>../shared/data</c> beside the repository, whose tweets hold commas, doubled quotes
/// and line breaks inside quoted fields. The expected counts come from each folder's SOURCE.md (checked there with
/// Python's <c>csv</c>). When a file is absent the test passes with a message saying so: xunit 2 has no dynamic skip.
/// </summary>
public sealed class CsvRealFileTests(ITestOutputHelper output)
{
    [Fact]
    public void TextEmotionHas40000TweetsIn13Sentiments()
    {
        if (SharedData.Find(output, "text_emotion", "text_emotion.csv") is not string path) return;
        var clock = Stopwatch.StartNew();

        var table = CsvReader.Read(path);

        Assert.Equal(["tweet_id", "sentiment", "author", "content"], table.Columns);
        Assert.Equal(40_000, table.RowCount);
        var counts = table.Strings("sentiment").CountBy(s => s).ToDictionary();
        Assert.Equal(13, counts.Count);
        Assert.Equal(8_638, counts["neutral"]);   // SOURCE.md: neutral 8,638 … anger 110
        Assert.Equal(110, counts["anger"]);
        Assert.Equal(40_000, table.Longs("tweet_id").Distinct().Count());
        output.WriteLine($"read {path}: {table.RowCount} records in {clock.ElapsedMilliseconds} ms");
        Assert.InRange(clock.ElapsedMilliseconds, 0, 3_000);
    }

    [Fact]
    public void HateSpeechHas24783TweetsSomeSpanningLines()
    {
        if (SharedData.Find(output, "hate_speech", "labeled_data.csv") is not string path) return;
        var clock = Stopwatch.StartNew();

        var table = CsvReader.Read(path);

        Assert.Equal(["", "count", "hate_speech", "offensive_language", "neither", "class", "tweet"], table.Columns);
        Assert.Equal(24_783, table.RowCount);
        // SOURCE.md: wc -l gives 26,954 because some tweets hold line breaks, so the last record starts well past line 24,784.
        Assert.True(table.LineOf(table.RowCount - 1) > table.RowCount + 1);
        Assert.Contains(table.Strings("tweet"), t => t.Contains('\n'));
        var classes = table.Ints("class").CountBy(c => c).ToDictionary();
        Assert.Equal(1_430, classes[0]);
        Assert.Equal(19_190, classes[1]);
        Assert.Equal(4_163, classes[2]);
        output.WriteLine($"read {path}: {table.RowCount} records in {clock.ElapsedMilliseconds} ms; the last starts on line {table.LineOf(table.RowCount - 1)}");
        Assert.InRange(clock.ElapsedMilliseconds, 0, 3_000);
    }
}

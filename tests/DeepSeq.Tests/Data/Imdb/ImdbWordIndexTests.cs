using DeepSeq.Data;
using System.Diagnostics;
using System.Text;
using DeepSeq.Data.Imdb;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Imdb;

/// <summary>
/// <see cref="ImdbWordIndex"/>: Keras's offsets (0 pad, 1 start, 2 OOV, rank + 3), num_words and maxlen, by hand;
/// then the real word index on the whole real train split from <c>../shared/data/imdb</c>, skipped with a message
/// when absent.
/// </summary>
[Collection(ImdbRealData.Collection)]
public sealed class ImdbWordIndexTests(ImdbRealData data, ITestOutputHelper output)
{
    private bool Skipped() => data.Skipped(output);

    // the: 1 → 4, movie: 2 → 5, was: 3 → 6, great: 4 → 7, bad: 5 → 8
    private static readonly ImdbWordIndex Index = new(new Dictionary<string, int>
    {
        ["the"] = 1, ["movie"] = 2, ["was"] = 3, ["great"] = 4, ["bad"] = 5,
    });

    [Fact]
    public void ShiftsRanksByThreeAfterTheStartIndex()
        => Assert.Equal([1, 4, 5, 6, 7], Index.ToSequence("The movie was GREAT!"));

    [Fact]
    public void UnknownWordsAreOov()
        => Assert.Equal([1, 4, 2, 6, 8], Index.ToSequence("the plot was bad"));

    [Fact]
    public void BreakTagsAreStrippedBeforeTokenising()
    {
        Assert.Equal([1, 4, 5, 6, 7], Index.ToSequence("the movie<br /><br />was<BR/>great<br>"));
        Assert.Equal("a b c ", ImdbWordIndex.StripBreakTags("a<br />b<br/>c<br>"));
    }

    [Fact]
    public void NumWordsTurnsIndicesAtOrAboveItIntoOov()
    {
        // Keras: w if w < num_words else oov_char, over the whole sequence.
        Assert.Equal([1, 4, 5, 2, 2], Index.ToSequence("the movie was great", numWords: 6));
        Assert.Equal([1, 2, 2], Index.ToSequence("the bad", numWords: 4));
        Assert.Equal([2, 2], Index.ToSequence("the", numWords: 1));   // even the start index, as in Keras
        Assert.Throws<ArgumentOutOfRangeException>(() => Index.ToSequence("the", numWords: 0));
    }

    [Fact]
    public void MaxLenDropsSequencesNotShorterThanItWithTheirLabels()
    {
        var split = new ImdbSplit(["the", "the movie", "the movie was", ""], [1, 0, 1, 0], [9, 2, 8, 1], ["a", "b", "c", "d"]);
        // Lengths with the start index: 2, 3, 4, 1. Keras keeps len(x) < maxlen.
        var (x, y) = Index.ToSequences(split, maxLen: 3);
        Assert.Equal([[1, 4], [1]], x);
        Assert.Equal([1, 0], y);
        var (all, labels) = Index.ToSequences(split);
        Assert.Equal(4, all.Length);
        Assert.Equal([1, 0, 1, 0], labels);
        Assert.Empty(Index.ToSequences(split, maxLen: 1).X);
        Assert.Throws<ArgumentOutOfRangeException>(() => Index.ToSequences(split, maxLen: 0));
    }

    [Fact]
    public void DecodesLikeTheKerasExample()
        => Assert.Equal("? the movie ? ?", Index.Decode([1, 4, 5, 2, 0]));

    [Fact]
    public void LoadsJsonAndRejectsBadFiles()
    {
        string dir = Path.Combine(Path.GetTempPath(), "deepseq-imdb-" + Guid.NewGuid());
        Directory.CreateDirectory(dir);
        try
        {
            string good = Path.Combine(dir, "good.json");
            File.WriteAllText(good, "{\"fawn\": 3, \"the\": 1, \"and\": 2}", Encoding.UTF8);
            var index = ImdbWordIndex.Load(good);
            Assert.Equal(3, index.Count);
            Assert.Equal(3, index.WordRanks["fawn"]);
            Assert.Equal([1, 5, 6, 4], index.ToSequence("and fawn the"));

            foreach (string bad in new[] { "[1, 2]", "{\"the\": \"one\"}", "{\"the\": 0}", "{\"the\": 1", "{\"the\": 1, \"the\": 2}" })
            {
                string path = Path.Combine(dir, "bad.json");
                File.WriteAllText(path, bad);
                var e = Assert.Throws<DataFormatException>(() => ImdbWordIndex.Load(path));
                Assert.StartsWith(path + ": ", e.Message);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void BuildsKerasStyleSequencesForTheWholeTrainSplit()
    {
        if (Skipped() || data.WordIndex is null) return;
        var index = data.WordIndex;
        Assert.Equal(88584, index.Count);
        var clock = Stopwatch.StartNew();
        var (x, y) = index.ToSequences(data.Splits!.Value.Train, numWords: 10000);
        output.WriteLine($"tokenised 25,000 train reviews in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(25000, x.Length);
        Assert.Equal(data.Splits.Value.Train.Labels, y);
        Assert.All(x, s => { Assert.Equal(1, s[0]); Assert.All(s, i => Assert.InRange(i, 1, 9999)); });
        // With the <br /> tags stripped, "br" (rank 7, index 10) should almost never appear.
        Assert.True(x.Sum(s => s.Count(i => i == 10)) < 100);
        // The mean review is about 230 words (Keras's imdb.npz: ~239 with its own tokenisation).
        Assert.InRange(x.Average(s => s.Length), 200, 280);
        var (kept, _) = index.ToSequences(data.Splits.Value.Train, numWords: 10000, maxLen: 100);
        Assert.All(kept, s => Assert.True(s.Length < 100));
        Assert.Equal(x.Count(s => s.Length < 100), kept.Length);
    }
}

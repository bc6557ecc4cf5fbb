using DeepSeq.Samples.TextAndSequences;
using DeepSeq.Tests.Data.Imdb;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Samples.TextAndSequences;

/// <summary>
/// B3's pipeline on the real training reviews (skipped, with a SKIPPED line, without ../shared): the book's
/// "Found 88,582 unique tokens." and its data tensor (25000, 100), every id below num_words, padding in front.
/// </summary>
[Collection(ImdbRealData.Collection)]
public sealed class RawTextGloveTests(ImdbRealData imdb, ITestOutputHelper output)
{
    [Fact]
    public void TheRealReviewsGiveTheBooksTokenCountAndDataShape()
    {
        if (imdb.Skipped(output)) return;
        var texts = imdb.Splits!.Value.Train.Texts;
        var tokenizer = RawTextGlove.FitTokenizer(texts);
        Assert.Equal(88_582, tokenizer.WordIndex.Count);
        var data = RawTextGlove.Padded(tokenizer, texts);
        Assert.Equal(new Shape(25_000, RawTextGlove.MaxLen), data.Shape);
        var ids = data.ToArray();
        Assert.All(ids, id => Assert.InRange(id, 0f, RawTextGlove.MaxWords - 1));
        // A review shorter than 100 kept words is padded in front: its zeros come first.
        int shortest = Enumerable.Range(0, 25_000).First(r => ids[r * RawTextGlove.MaxLen] == 0);
        var row = ids.AsSpan(shortest * RawTextGlove.MaxLen, RawTextGlove.MaxLen).ToArray();
        int firstWord = Array.FindIndex(row, id => id != 0);
        Assert.True(firstWord > 0 && row.Skip(firstWord).All(id => id != 0), string.Join(",", row));
    }
}

using DeepSeq.Data.DataSets;
using Xunit;

namespace DeepSeq.Tests.Data.DataSets;

/// <summary>
/// <see cref="SyntheticImdb"/>: the same seed gives the same reviews, the labels are balanced with ratings on their
/// side, and the words carry the label so a model has something to learn.
/// </summary>
public sealed class SyntheticImdbTests
{
    [Fact]
    public void SyntheticImdbIsDeterministicBalancedAndCarriesTheSignal()
    {
        var (train, test) = SyntheticImdb.Generate(400, 100, seed: 7);
        var (again, _) = SyntheticImdb.Generate(400, 100, seed: 7);
        var (other, _) = SyntheticImdb.Generate(400, 100, seed: 8);

        Assert.Equal(train.Texts, again.Texts);
        Assert.NotEqual(train.Texts, other.Texts);
        Assert.Equal(100, test.Count);
        Assert.Equal(200, train.Labels.Count(l => l == 1));
        for (int i = 0; i < train.Count; i++)
            Assert.InRange(train.Ratings[i], train.Labels[i] == 1 ? 7 : 1, train.Labels[i] == 1 ? 10 : 4);

        // The signal: counting positive minus negative words classifies most reviews right.
        int correct = 0;
        for (int i = 0; i < train.Count; i++)
        {
            string[] words = train.Texts[i].TrimEnd('.').Split(' ');
            int score = words.Count(SyntheticImdb.PositiveWords.Contains) - words.Count(SyntheticImdb.NegativeWords.Contains);
            if ((score > 0 ? 1 : 0) == train.Labels[i]) correct++;
        }
        Assert.True(correct > 0.85 * train.Count, $"only {correct} of {train.Count} reviews follow their words");
    }
}

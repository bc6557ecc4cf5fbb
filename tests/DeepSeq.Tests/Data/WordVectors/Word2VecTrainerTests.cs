using DeepSeq.Data.WordVectors;
using Xunit;

namespace DeepSeq.Tests.Data.WordVectors;

/// <summary>
/// <see cref="Word2VecTrainer"/> and <see cref="WordVectors"/>: on a generated corpus with planted pairs (two words
/// that always appear between the same context words) each planted word's nearest neighbour is its partner;
/// training is deterministic per seed; min_count, the vocabulary order, the embedding matrix and the errors.
/// </summary>
public sealed class Word2VecTrainerTests
{
    private const int Pairs = 8;

    /// <summary>Sentences of filler words (f0…f199) in which, now and then, a planted word aK or bK (chosen at
    /// random) sits between its pair's own four context words cK0…cK3: aK and bK never meet, but share every
    /// context, which is what CBOW's vectors encode.</summary>
    private static List<IReadOnlyList<string>> PlantedCorpus(int sentences, int seed)
    {
        var random = new Random(seed);
        var corpus = new List<IReadOnlyList<string>>();
        for (int s = 0; s < sentences; s++)
        {
            var words = Enumerable.Range(0, 6).Select(_ => $"f{random.Next(200)}").ToList();
            int k = random.Next(Pairs);
            string planted = (random.Next(2) == 0 ? "a" : "b") + k;
            words.InsertRange(3, [$"c{k}0", $"c{k}1", planted, $"c{k}2", $"c{k}3"]);
            corpus.Add(words);
        }
        return corpus;
    }

    private static readonly Word2VecOptions Options = new(VectorSize: 20, MinCount: 2, Epochs: 5, Seed: 3);

    [Fact]
    public void PlantedPairsAreEachOthersNearestNeighbours()
    {
        var vectors = Word2VecTrainer.Train(PlantedCorpus(4_000, 1), Options);
        for (int k = 0; k < Pairs; k++)
        {
            Assert.Equal($"b{k}", vectors.MostSimilar($"a{k}", 1)[0].Word);
            Assert.Equal($"a{k}", vectors.MostSimilar($"b{k}", 1)[0].Word);
        }
        var top = vectors.MostSimilar("a0", 3);
        Assert.True(top[0].Similarity > 0.8 && top[0].Similarity <= 1.0 + 1e-9, $"cosine {top[0].Similarity}");
        Assert.True(top[0].Similarity >= top[1].Similarity && top[1].Similarity >= top[2].Similarity);
        Assert.DoesNotContain(top, p => p.Word == "a0");
    }

    [Fact]
    public void TheSameSeedGivesTheSameVectorsAndAnotherSeedOthers()
    {
        var corpus = PlantedCorpus(500, 2);
        var first = Word2VecTrainer.Train(corpus, Options);
        var again = Word2VecTrainer.Train(corpus, Options);
        var other = Word2VecTrainer.Train(corpus, Options with { Seed = 4 });
        Assert.Equal(first.Vector("a1"), again.Vector("a1"));
        Assert.NotEqual(first.Vector("a1"), other.Vector("a1"));
    }

    [Fact]
    public void TheVocabularyKeepsWordsSeenMinCountTimesMostFrequentFirst()
    {
        IReadOnlyList<string>[] corpus = [["x", "y", "z", "y"], ["z", "y", "w"], ["x", "q"]];
        var vectors = Word2VecTrainer.Train(corpus, new Word2VecOptions(VectorSize: 4, MinCount: 2, Sample: 0));
        Assert.Equal(["y", "x", "z"], vectors.Words);   // y 3; x and z 2 each, x seen first; w and q dropped
        Assert.False(vectors.Contains("w"));
        var matrix = vectors.ToMatrix(new Dictionary<string, int> { ["z"] = 1, ["w"] = 2, ["y"] = 5 }, 4);
        Assert.Equal([4, 4], matrix.Shape.ToArray());
        Assert.Equal(vectors.Vector("z"), matrix.ToArray()[4..8]);
        Assert.All(matrix.ToArray()[8..16], v => Assert.Equal(0f, v));   // w has no vector; y's index is ≥ 4
    }

    [Fact]
    public void BadSettingsAndUnknownWordsFailClearly()
    {
        IReadOnlyList<string>[] corpus = [["x", "y"]];
        Assert.Contains("min_count = 2", Assert.Throws<ArgumentException>(
            () => Word2VecTrainer.Train(corpus, new Word2VecOptions(MinCount: 2))).Message);
        Assert.Contains("window", Assert.Throws<ArgumentException>(
            () => Word2VecTrainer.Train(corpus, new Word2VecOptions(Window: 0, MinCount: 1))).Message);
        var vectors = Word2VecTrainer.Train(corpus, new Word2VecOptions(MinCount: 1, VectorSize: 3));
        Assert.Contains("'love'", Assert.Throws<KeyNotFoundException>(() => vectors.MostSimilar("love")).Message);
    }
}

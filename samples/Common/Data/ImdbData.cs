using DeepSeq.Data.DataSets;
using DeepSeq.Data.Imdb;
using DeepSeq.Samples.CommandLine;

namespace DeepSeq.Samples.Data;

/// <summary>
/// IMDB reviews ready for a Keras-style pipeline: shuffled train and test splits, the word index that turns them into
/// index sequences, and where they came from.
/// </summary>
/// <param name="Train">The training reviews, shuffled (see <see cref="ShuffleSeed"/>).</param>
/// <param name="Test">The test reviews, shuffled.</param>
/// <param name="WordIndex">Keras's <c>imdb_word_index.json</c>, or the stand-in's own vocabulary for synthetic data.</param>
/// <param name="Origin">Real or SYNTHETIC, and which file.</param>
public sealed record ImdbData(ImdbSplit Train, ImdbSplit Test, ImdbWordIndex WordIndex, DataOrigin Origin)
{
    /// <summary>
    /// The seed of the permutations that shuffle train and test. The archive is grouped by label (all neg, then all
    /// pos), so without a shuffle "the first 10,000 training reviews" would all be negative. Keras's
    /// <c>imdb.load_data</c> shuffles with <c>seed=113</c>; we use the same number with .NET's seeded
    /// <see cref="Random"/> (a Fisher–Yates shuffle of train, then of test, from one generator, as Keras draws both
    /// from one <c>RandomState</c>). The order is not Keras's: that one cannot be rebuilt (see <see cref="ImdbReviews"/>).
    /// </summary>
    public const int ShuffleSeed = 113;

    /// <summary>
    /// Loads IMDB: the real reviews when a data root holds them (and <c>--synthetic</c> is not given), else the
    /// SYNTHETIC stand-in; then shuffles both splits and keeps the first <paramref name="trainCount"/> and
    /// <paramref name="testCount"/> reviews of each.
    /// </summary>
    public static ImdbData Load(RunOptions options, int trainCount, int testCount)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (DataFiles.Find("imdb", options, out string why) is not { } files)
        {
            var (train, test) = SyntheticImdb.Generate(trainCount, testCount, DataSets.SyntheticSeed);
            var origin = new DataOrigin("imdb", true, null,
                $"IMDB: SYNTHETIC stand-in ({why}): {train.Count} train / {test.Count} test generated reviews, NOT real data");
            return Shuffled(train, test, SyntheticWordIndex(), origin, trainCount, testCount);
        }

        string archive = files[0], wordIndex = files[1];
        var (realTrain, realTest) = ImdbReviews.Load(archive);
        var realOrigin = new DataOrigin("imdb", false, archive,
            $"IMDB: real reviews from {DataSetInfo.Show(archive)} (Keras-style sequences built from the raw texts with " +
            $"{Path.GetFileName(wordIndex)}; both splits shuffled with seed {ShuffleSeed}" +
            (trainCount < realTrain.Count || testCount < realTest.Count ? $"; first {trainCount} train / {testCount} test reviews kept)" : ")"));
        return Shuffled(realTrain, realTest, ImdbWordIndex.Load(wordIndex), realOrigin, trainCount, testCount);
    }

    /// <summary>
    /// The Keras-style index sequences and labels of <paramref name="split"/>, as
    /// <c>imdb.load_data(num_words=<paramref name="numWords"/>)</c> gives them: 1 starts each review, a word of rank r
    /// becomes r + 3, and every index ≥ numWords becomes 2 (out of vocabulary).
    /// </summary>
    public (int[][] Sequences, int[] Labels) Sequences(ImdbSplit split, int numWords) => WordIndex.ToSequences(split, numWords);

    private static ImdbData Shuffled(ImdbSplit train, ImdbSplit test, ImdbWordIndex index, DataOrigin origin, int trainCount, int testCount)
    {
        var random = new Random(ShuffleSeed);
        return new ImdbData(Take(train, Permutation(train.Count, random), trainCount),
            Take(test, Permutation(test.Count, random), testCount), index, origin);
    }

    // A Fisher–Yates shuffle of 0 … n−1.
    private static int[] Permutation(int n, Random random)
    {
        int[] order = [.. Enumerable.Range(0, n)];
        random.Shuffle(order);
        return order;
    }

    // The first `count` reviews of the split in `order`.
    private static ImdbSplit Take(ImdbSplit split, int[] order, int count)
    {
        int[] kept = order[..Math.Min(count, order.Length)];
        return new ImdbSplit([.. kept.Select(i => split.Texts[i])], [.. kept.Select(i => split.Labels[i])],
            [.. kept.Select(i => split.Ratings[i])], [.. kept.Select(i => split.Paths[i])]);
    }

    // The stand-in's vocabulary ranked neutral words first, so that the Keras-style pipeline runs on it unchanged.
    private static ImdbWordIndex SyntheticWordIndex()
    {
        var words = SyntheticImdb.NeutralWords.Concat(SyntheticImdb.PositiveWords).Concat(SyntheticImdb.NegativeWords);
        return new ImdbWordIndex(words.Select((word, i) => (word, rank: i + 1)).ToDictionary(p => p.word, p => p.rank));
    }
}

using DeepSeq.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Data.Preprocessing;

/// <summary>
/// <see cref="TrainTestSplit"/>: sizes against scikit-learn's rules (n_test = ceil(f · n)), the unshuffled split,
/// stratified rounding (_approximate_mode, hand-derived below), and properties over random sizes and seeds.
/// </summary>
public sealed class TrainTestSplitTests
{
    [Fact]
    public void FractionIsRoundedUpAndCountIsExact()
    {
        // scikit-learn: train_test_split(range(10), test_size=0.25) → ceil(2.5) = 3 test items, 7 train items.
        var split = TrainTestSplit.Indices(10, 0.25);
        Assert.Equal(7, split.Train.Length);
        Assert.Equal(3, split.Test.Length);
        // int test_size is a count: 10 items, test_size=4 → 6 / 4.
        split = TrainTestSplit.Indices(10, 4);
        Assert.Equal(6, split.Train.Length);
        Assert.Equal(4, split.Test.Length);
    }

    [Fact]
    public void WithoutShuffleTheTestPartIsTheTail()
    {
        // scikit-learn: train_test_split(range(5), test_size=0.4, shuffle=False) → [0, 1, 2], [3, 4]
        var split = TrainTestSplit.Indices(5, 0.4, shuffle: false);
        Assert.Equal([0, 1, 2], split.Train);
        Assert.Equal([3, 4], split.Test);
    }

    [Fact]
    public void ParallelListsAreSplitAlike()
    {
        string[] x = ["a", "b", "c", "d", "e", "f"];
        int[] y = [0, 1, 2, 3, 4, 5];
        var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(x, y, 0.5, seed: 3);
        Assert.Equal(yTrain.Select(i => x[i]), xTrain);
        Assert.Equal(yTest.Select(i => x[i]), xTest);
        var (train, test) = TrainTestSplit.Split(x, 0.5, seed: 3);
        Assert.Equal(xTrain, train);
        Assert.Equal(xTest, test);
    }

    [Fact]
    public void StratifiedRoundingFollowsApproximateMode()
    {
        // Classes a: 5, b: 3, c: 2 (n = 10), test_size = 0.3 → n_test = 3, n_train = 7.
        // Train shares: a 7·5/10 = 3.5, b 7·3/10 = 2.1, c 7·2/10 = 1.4 → floors 3, 2, 1 (sum 6), one left over
        // goes to the largest remainder (a, .5) → train 4, 2, 1 → test 1, 1, 1.
        string[] labels = ["a", "b", "a", "c", "a", "b", "a", "c", "a", "b"];
        var split = TrainTestSplit.Stratified(labels, 0.3, seed: 11);
        int Count(int[] part, string c) => part.Count(i => labels[i] == c);
        Assert.Equal([4, 2, 1], new[] { Count(split.Train, "a"), Count(split.Train, "b"), Count(split.Train, "c") });
        Assert.Equal([1, 1, 1], new[] { Count(split.Test, "a"), Count(split.Test, "b"), Count(split.Test, "c") });
        // Ties between equal remainders go to the class that sorts first: counts [2, 2], 1 draw → [1, 0].
        Assert.Equal([1, 0], TrainTestSplit.ApproximateMode([2, 2], 1));
    }

    [Fact]
    public void BadSizesThrowClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Indices(10, 0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Indices(10, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Indices(10, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Indices(10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Indices(10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Indices(1, 0.5));
        // 0.95 of 10 → 10 test items, none left to train on.
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainTestSplit.Indices(10, 0.95));
        Assert.Throws<ArgumentException>(() => TrainTestSplit.Split(new int[3], new int[4]));
        Assert.Throws<ArgumentException>(() => TrainTestSplit.Split(new int[4], new int[4], shuffle: false, stratify: true));
        // A class with one member; a test part smaller than the number of classes.
        var e = Assert.Throws<ArgumentException>(() => TrainTestSplit.Stratified(new[] { 0, 0, 1 }, 1));
        Assert.Contains("only 1 member", e.Message);
        e = Assert.Throws<ArgumentException>(() => TrainTestSplit.Stratified(new[] { 0, 0, 1, 1, 2, 2 }, 2));
        Assert.Contains("number of classes = 3", e.Message);
    }

    /// <summary>Sizes are scikit-learn's, the parts are disjoint and together cover 0 .. n−1, and one seed gives one split.</summary>
    [Property(MaxTest = 300)]
    public Property SplitsPartitionAndReproduce(int seed)
    {
        var rng = new Random(seed);
        int n = rng.Next(2, 60);
        double fraction = 0.01 + 0.98 * rng.NextDouble();
        int expectedTest = (int)Math.Ceiling(fraction * n);
        if (expectedTest >= n) return true.Label("skip: leaves no training item");
        bool shuffle = rng.Next(2) == 0;
        var split = TrainTestSplit.Indices(n, fraction, (ulong)seed, shuffle);
        var again = TrainTestSplit.Indices(n, fraction, (ulong)seed, shuffle);
        bool sizes = split.Test.Length == expectedTest && split.Train.Length == n - expectedTest;
        bool cover = split.Train.Concat(split.Test).Order().SequenceEqual(Enumerable.Range(0, n));
        bool same = split.Train.SequenceEqual(again.Train) && split.Test.SequenceEqual(again.Test);
        return (sizes && cover && same).Label($"n {n} fraction {fraction} shuffle {shuffle}");
    }

    /// <summary>Every class's test count is within one of its exact share, and the parts partition the items.</summary>
    [Property(MaxTest = 300)]
    public Property StratifiedKeepsProportionsWithinOne(int seed)
    {
        var rng = new Random(seed);
        int classes = rng.Next(1, 5);
        var labels = Enumerable.Range(0, classes).SelectMany(c => Enumerable.Repeat(c, rng.Next(2, 15))).ToArray();
        int n = labels.Length;
        int testCount = rng.Next(classes, n - classes + 1);
        var split = TrainTestSplit.Stratified(labels, testCount, (ulong)seed);
        bool cover = split.Train.Concat(split.Test).Order().SequenceEqual(Enumerable.Range(0, n));
        bool within = Enumerable.Range(0, classes).All(c =>
        {
            double exact = (double)testCount * labels.Count(l => l == c) / n;
            return Math.Abs(split.Test.Count(i => labels[i] == c) - exact) < 1.0;
        });
        var again = TrainTestSplit.Stratified(labels, testCount, (ulong)seed);
        bool same = split.Test.SequenceEqual(again.Test) && split.Train.SequenceEqual(again.Train);
        return (cover && within && same && split.Test.Length == testCount).Label($"classes {classes} n {n} test {testCount}");
    }

    /// <summary>The shuffle is a permutation and different seeds (almost always) give different orders.</summary>
    [Fact]
    public void ShuffleIsAPermutationThatDependsOnTheSeed()
    {
        var a = Enumerable.Range(0, 100).ToArray();
        var b = Enumerable.Range(0, 100).ToArray();
        TrainTestSplit.Shuffle(a, new Generator(1));
        TrainTestSplit.Shuffle(b, new Generator(2));
        Assert.Equal(Enumerable.Range(0, 100), a.Order());
        Assert.NotEqual(a, b);
        Assert.NotEqual(Enumerable.Range(0, 100), a);
    }
}

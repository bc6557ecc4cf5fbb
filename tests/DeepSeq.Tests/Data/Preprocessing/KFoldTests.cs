using DeepSeq.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Data.Preprocessing;

/// <summary><see cref="KFold"/>: scikit-learn's fold sizes and unshuffled folds (hand-derived), and coverage properties.</summary>
public sealed class KFoldTests
{
    [Fact]
    public void FirstFoldsGetTheRemainder()
    {
        // scikit-learn: 10 items, n_splits=3 → fold sizes 10 // 3 = 3, plus one for the first 10 % 3 = 1 → [4, 3, 3].
        Assert.Equal([4, 3, 3], KFold.FoldSizes(10, 3));
        // scikit-learn: list(KFold(3).split(range(10))) test parts → [0..3], [4..6], [7..9]
        var folds = new KFold(3).Split(10);
        Assert.Equal([0, 1, 2, 3], folds[0].Test);
        Assert.Equal([4, 5, 6], folds[1].Test);
        Assert.Equal([7, 8, 9], folds[2].Test);
        Assert.Equal([0, 1, 2, 3, 7, 8, 9], folds[1].Train);
    }

    [Fact]
    public void BadArgumentsThrowClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KFold(1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new KFold(5).Split(4));
        Assert.Contains("greater than the number of samples", e.Message);
    }

    /// <summary>Every item is a test item in exactly one fold; train is the complement; both sorted; one seed gives one set of folds.</summary>
    [Property(MaxTest = 300)]
    public Property EveryItemIsTestedExactlyOnce(int seed)
    {
        var rng = new Random(seed);
        int k = rng.Next(2, 8);
        int n = rng.Next(k, 50);
        bool shuffle = rng.Next(2) == 0;
        var folds = new KFold(k, shuffle, (ulong)seed).Split(n);
        var again = new KFold(k, shuffle, (ulong)seed).Split(n);
        bool once = folds.SelectMany(f => f.Test).Order().SequenceEqual(Enumerable.Range(0, n));
        bool complement = folds.All(f => f.Train.Concat(f.Test).Order().SequenceEqual(Enumerable.Range(0, n)));
        bool sorted = folds.All(f => f.Train.SequenceEqual(f.Train.Order()) && f.Test.SequenceEqual(f.Test.Order()));
        bool sizes = folds.Select(f => f.Test.Length).SequenceEqual(KFold.FoldSizes(n, k));
        bool same = folds.Zip(again).All(p => p.First.Test.SequenceEqual(p.Second.Test));
        return (once && complement && sorted && sizes && same).Label($"n {n} k {k} shuffle {shuffle}");
    }
}

// Fold sizes as scikit-learn's KFold:
//
//   size_f = n / k + (f < n % k ? 1 : 0)        f = 0 .. k−1        (so sizes sum to n and differ by at most 1)
//
// Fold f's test part is the f-th run of `size_f` positions of the (optionally shuffled) order; its training part
// is everything else.

namespace DeepSeq.Data;

/// <summary>
/// K-fold cross-validation: <c>n</c> items cut into <see cref="NSplits"/> consecutive folds, each used once as
/// the test part while the others train. scikit-learn <c>sklearn.model_selection.KFold</c>.
/// </summary>
/// <remarks>
/// <para>The first <c>n % k</c> folds hold one item more than the others, as in scikit-learn
/// (10 items, 3 folds → sizes 4, 3, 3).</para>
/// <para>As in scikit-learn, both the training and the test positions of each fold are returned in ascending
/// order, also when shuffling (scikit-learn builds them from a boolean mask). Shuffling uses
/// <see cref="TrainTestSplit.Shuffle{T}"/> on <c>new Generator(seed)</c>: the same seed gives the same folds.</para>
/// </remarks>
public sealed class KFold
{
    /// <summary>Number of folds, ≥ 2. scikit-learn: <c>n_splits</c> (default 5).</summary>
    public int NSplits { get; }

    /// <summary>Shuffle the items before cutting them into folds. scikit-learn: <c>shuffle</c> (default
    /// false).</summary>
    public bool Shuffle { get; }

    /// <summary>Seed of the shuffle; unused when <see cref="Shuffle"/> is false. scikit-learn:
    /// <c>random_state</c>.</summary>
    public ulong Seed { get; }

    /// <summary>Stores and checks the configuration.</summary>
    /// <param name="nSplits">Number of folds, ≥ 2. Default 5 (scikit-learn's).</param>
    /// <param name="shuffle">Shuffle before cutting. Default <c>false</c>.</param>
    /// <param name="seed">Seed of the shuffle. Default 0. (scikit-learn raises when <c>random_state</c> is set
    /// without shuffling; here a seed always has a value, so it is simply unused.)</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nSplits"/> is below 2.</exception>
    public KFold(int nSplits = 5, bool shuffle = false, ulong seed = 0)
    {
        if (nSplits < 2)
            throw new ArgumentOutOfRangeException(nameof(nSplits), nSplits,
                "k-fold cross-validation requires at least one train/test split: nSplits must be >= 2.");
        NSplits = nSplits;
        Shuffle = shuffle;
        Seed = seed;
    }

    /// <summary>The sizes of the <paramref name="k"/> test folds of <paramref name="n"/> items: <c>n / k</c>, plus one
    /// for the first <c>n % k</c>.</summary>
    public static int[] FoldSizes(int n, int k)
        => Enumerable.Range(0, k).Select(f => n / k + (f < n % k ? 1 : 0)).ToArray();

    /// <summary>The <see cref="NSplits"/> train/test splits of positions <c>0 .. n − 1</c>, fold 0 first.</summary>
    /// <param name="n">Number of items, ≥ <see cref="NSplits"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is smaller than
    /// <see cref="NSplits"/>.</exception>
    public IReadOnlyList<SplitIndices> Split(int n)
    {
        if (n < NSplits)
            throw new ArgumentOutOfRangeException(nameof(n), n,
                $"Cannot have number of splits nSplits={NSplits} greater than the number of samples: n={n}.");

        var order = Enumerable.Range(0, n).ToArray();
        if (Shuffle) TrainTestSplit.Shuffle(order, new Generator(Seed));

        var splits = new SplitIndices[NSplits];
        int start = 0;
        foreach (var (size, fold) in FoldSizes(n, NSplits).Select((s, f) => (s, f)))
        {
            var inTest = new bool[n];
            foreach (int position in order.AsSpan(start, size)) inTest[position] = true;
            var test = Enumerable.Range(0, n).Where(i => inTest[i]).ToArray();
            var train = Enumerable.Range(0, n).Where(i => !inTest[i]).ToArray();
            splits[fold] = new SplitIndices(train, test);
            start += size;
        }
        return splits;
    }
}

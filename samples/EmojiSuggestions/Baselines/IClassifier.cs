using DeepSeq.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Baselines;

/// <summary>
/// A classical classifier of sparse feature rows (scikit-learn's estimator contract, <c>fit</c> / <c>predict</c>):
/// rows of a <see cref="SparseMatrix"/>, labels <c>0 .. classes − 1</c>.
/// </summary>
public interface IClassifier
{
    /// <summary>Learns from the rows of <paramref name="x"/> and their labels <paramref name="y"/>.</summary>
    /// <param name="x">The training rows, (samples, features).</param>
    /// <param name="y">One label per row, each in <c>0 .. classes − 1</c>.</param>
    /// <param name="classes">The number of classes (a class absent from <paramref name="y"/> is never predicted).
    /// </param>
    void Fit(SparseMatrix x, IReadOnlyList<int> y, int classes);

    /// <summary>The predicted label of every row of <paramref name="x"/>.</summary>
    int[] Predict(SparseMatrix x);
}

/// <summary>The argument checks every <see cref="IClassifier"/> shares, each naming the operation and the shapes.
/// </summary>
public static class ClassifierChecks
{
    /// <summary>Throws unless <paramref name="y"/> has one label per row of <paramref name="x"/>, each in
    /// <c>0 .. classes − 1</c>, and there are at least two rows.</summary>
    public static void Fit(string operation, SparseMatrix x, IReadOnlyList<int> y, int classes)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, $"{operation}: no classes");
        if (x.Rows != y.Count)
            throw new ArgumentException($"{operation}: x has {x.Rows} rows {x.Shape} but y has {y.Count} labels");
        if (x.Rows < 1) throw new ArgumentException($"{operation}: x {x.Shape} has no rows to learn from");
        for (int i = 0; i < y.Count; i++)
            if (y[i] < 0 || y[i] >= classes)
                throw new ArgumentException($"{operation}: label {y[i]} of row {i} is outside 0 .. {classes - 1}");
    }

    /// <summary>Throws unless the classifier is fitted (<paramref name="fittedFeatures"/> ≥ 0) on as many features
    /// as <paramref name="x"/> has columns.</summary>
    public static void Predict(string operation, SparseMatrix x, int fittedFeatures)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (fittedFeatures < 0) throw new InvalidOperationException($"{operation}: not fitted yet; call Fit first");
        if (x.Columns != fittedFeatures)
            throw new ArgumentException($"{operation}: x {x.Shape} has {x.Columns} features, the model was fitted on " +
                                        $"{fittedFeatures}");
    }
}

/// <summary>Picking a class from a row of scores.</summary>
public static class Scores
{
    /// <summary>The first column holding row <paramref name="row"/>'s largest value (NumPy's argmax: ties go to
    /// the smallest class).</summary>
    public static int ArgMax(double[,] scores, int row)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int best = 0;
        for (int c = 1; c < scores.GetLength(1); c++)
            if (scores[row, c] > scores[row, best]) best = c;
        return best;
    }
}

/// <summary>Seeds derived from one run seed, so that every class, tree or pair draws its own reproducible stream
/// (<see cref="HashCode"/> would not do: it is salted per process).</summary>
public static class Seeds
{
    /// <summary>A seed for part <paramref name="index"/> of a run seeded with <paramref name="seed"/>: one
    /// SplitMix64 step of the pair, folded to an int.</summary>
    public static int Derive(int seed, int index)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)(uint)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}

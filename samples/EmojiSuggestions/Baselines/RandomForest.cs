// scikit-learn's RandomForestClassifier() with its defaults:
//
//   for each of n_estimators = 100 trees:
//     weights = bootstrap counts (n rows drawn with replacement; bootstrap=True, max_samples=None)
//     grow a DecisionTree on them: gini, max_features = floor(√features), grown to purity (max_depth None,
//     min_samples_split 2, min_samples_leaf 1)
//   predict = argmax over classes of the mean of the trees' leaf distributions (soft voting)

using DeepSeq.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Baselines;

/// <summary>
/// scikit-learn's <c>RandomForestClassifier()</c>: 100 trees, <c>criterion='gini'</c>, <c>max_features='sqrt'</c>,
/// <c>bootstrap=True</c>, <c>max_depth=None</c> (grown until pure), <c>min_samples_split=2</c>,
/// <c>min_samples_leaf=1</c>; each tree is a <see cref="DecisionTree"/>, the forest averages their class
/// distributions.
/// </summary>
/// <remarks>Differs from scikit-learn in its random numbers only (bootstrap draws and feature draws come from
/// <see cref="Random"/> seeded by <see cref="Seed"/> and the tree's index). Trees grow in parallel; each has its own
/// seed and the distributions are summed in tree order, so the result does not depend on the thread count.</remarks>
public sealed class RandomForest(int seed, int trees = 100) : IClassifier
{
    private DecisionTree[]? _trees;
    private int _features = -1, _classes;

    /// <summary>The seed of the bootstraps and feature draws. scikit-learn: <c>random_state</c>.</summary>
    public int Seed { get; } = seed;

    /// <summary>The number of trees. scikit-learn: <c>n_estimators</c> (default 100).</summary>
    public int TreeCount { get; } = trees >= 1 ? trees
        : throw new ArgumentOutOfRangeException(nameof(trees), trees, "RandomForest: needs at least one tree");

    /// <summary>The grown trees. scikit-learn: <c>estimators_</c>.</summary>
    public IReadOnlyList<DecisionTree> Trees
        => _trees ?? throw new InvalidOperationException("RandomForest: not fitted yet; call Fit first");

    /// <summary>max_features='sqrt': the features each node looks at, ⌊√features⌋ but at least 1.</summary>
    public static int MaxFeatures(int features) => Math.Max(1, (int)Math.Sqrt(features));

    /// <inheritdoc/>
    public void Fit(SparseMatrix x, IReadOnlyList<int> y, int classes)
    {
        ClassifierChecks.Fit("RandomForestClassifier.Fit", x, y, classes);
        var columns = new SparseColumns(x);
        var grown = new DecisionTree[TreeCount];
        Parallel.For(0, TreeCount, t =>
        {
            var random = new Random(Seeds.Derive(Seed, t));
            var weights = new int[x.Rows];
            for (int i = 0; i < x.Rows; i++) weights[random.Next(x.Rows)]++;
            grown[t] = DecisionTree.Grow(columns, x, y, weights, classes, MaxFeatures(x.Columns), random);
        });
        (_trees, _features, _classes) = (grown, x.Columns, classes);
    }

    /// <summary>The mean class distribution of the trees for every row, (rows, classes). scikit-learn:
    /// <c>predict_proba</c>.</summary>
    public double[,] PredictProba(SparseMatrix x)
    {
        ClassifierChecks.Predict("RandomForestClassifier.PredictProba", x, _features);
        var proba = new double[x.Rows, _classes];
        foreach (var tree in _trees!)
            for (int i = 0; i < x.Rows; i++)
            {
                double[] leaf = tree.Proba(x, i);
                for (int c = 0; c < _classes; c++) proba[i, c] += leaf[c] / _trees.Length;
            }
        return proba;
    }

    /// <inheritdoc/>
    public int[] Predict(SparseMatrix x)
    {
        var proba = PredictProba(x);
        return [.. Enumerable.Range(0, x.Rows).Select(i => Scores.ArgMax(proba, i))];
    }
}

// One tree of scikit-learn's RandomForestClassifier: DecisionTreeClassifier(criterion='gini', splitter='best',
// max_features='sqrt', max_depth=None, min_samples_split=2, min_samples_leaf=1), grown depth first on weighted rows
// (the bootstrap counts), on sparse columns.
//
//   gini(node)      = 1 − Σ_c (W_c / W)²                          W_c: the weight of class c in the node
//   split (f, θ)    : rows with x_f ≤ θ go left, θ the midpoint of two neighbouring distinct values
//   best split      = argmax over the drawn features and thresholds of  Σ_c L_c² / W_L + Σ_c R_c² / W_R
//                     (the same argmax as the largest drop of W·gini; ties: the first found)
//   features drawn  : uniformly without replacement, until max_features were looked at and at least one of them
//                     was not constant in the node (scikit-learn's rule: constant ones count, but a node never
//                     gives up while an unseen non-constant feature is left)
//   leaf            : fewer than 2 rows, gini ≤ ε, or no feature varies; its value is the class weights / W
//
// A sparse column's node values are its stored entries for the node's rows; every other row holds 0, so the zeros
// form one block of equal values, and a node's rows are marked so that a column is filtered in one pass.

using DeepSeq.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Baselines;

/// <summary>
/// A CART classification tree as one tree of scikit-learn's forest grows it (the rules at the top of the file).
/// Built by <see cref="Grow"/>; <see cref="Proba"/> is the leaf's class distribution for a row.
/// </summary>
/// <remarks>Differs from scikit-learn in its random numbers (which features are drawn), not in the rules; values are
/// compared as float, as scikit-learn's trees store X as float32. scikit-learn also treats two values closer than
/// 1e-7 as equal (FEATURE_THRESHOLD); here only equal values are, which on tf-idf weights changes nothing we could
/// find.</remarks>
public sealed class DecisionTree
{
    private const double Epsilon = 2.220446049250313e-16;   // scikit-learn's EPSILON, NumPy's float64 eps

    // Node i: a split on _feature[i] at _threshold[i] into _left[i] / _right[i], or a leaf (_feature[i] = −1)
    // whose class distribution is _leafProba[_left[i]].
    private readonly List<int> _feature = [], _left = [], _right = [];
    private readonly List<double> _threshold = [];
    private readonly List<double[]> _leafProba = [];

    private DecisionTree() { }

    /// <summary>The number of nodes, leaves included. scikit-learn: <c>tree_.node_count</c>.</summary>
    public int NodeCount => _feature.Count;

    /// <summary>The number of leaves.</summary>
    public int LeafCount => _leafProba.Count;

    /// <summary>The deepest leaf's depth (the root is 0). scikit-learn: <c>tree_.max_depth</c>.</summary>
    public int Depth { get; private set; }

    /// <summary>The class distribution of the leaf that row <paramref name="row"/> of <paramref name="x"/> reaches.
    /// </summary>
    public double[] Proba(SparseMatrix x, int row)
    {
        ArgumentNullException.ThrowIfNull(x);
        int start = x.RowPointers[row], end = x.RowPointers[row + 1], node = 0;
        while (_feature[node] >= 0)
        {
            int at = Array.BinarySearch(x.ColumnIndices, start, end - start, _feature[node]);
            float value = at >= 0 ? x.Values[at] : 0f;
            node = value <= _threshold[node] ? _left[node] : _right[node];
        }
        return _leafProba[_left[node]];
    }

    /// <summary>Grows a tree on the rows of <paramref name="columns"/> with the given weights (a row of weight 0 is
    /// left out, as a bootstrap leaves it out).</summary>
    /// <param name="columns">The training rows, stored by column (CSC): see <see cref="SparseColumns"/>.</param>
    /// <param name="rows">The same rows by row (CSR), for the nodes where no drawn feature varies.</param>
    /// <param name="y">The label of every row.</param>
    /// <param name="weights">The weight of every row (bootstrap counts).</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="maxFeatures">Features to look at per node. scikit-learn: <c>max_features</c>.</param>
    /// <param name="random">Draws the features.</param>
    public static DecisionTree Grow(SparseColumns columns, SparseMatrix rows, IReadOnlyList<int> y,
        IReadOnlyList<int> weights, int classes, int maxFeatures, Random random)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(random);
        var tree = new DecisionTree();
        new Grower(tree, columns, rows, y, weights, classes, maxFeatures, random).Run();
        return tree;
    }

    private int AddNode(int depth)
    {
        _feature.Add(-1);
        _threshold.Add(0);
        _left.Add(-1);
        _right.Add(-1);
        Depth = Math.Max(Depth, depth);
        return _feature.Count - 1;
    }

    /// <summary>The state of one growth: the rows of each node as a segment of one array (scikit-learn's
    /// <c>samples</c>), the node marks, and the scratch space of a split search.</summary>
    private sealed class Grower(DecisionTree tree, SparseColumns columns, SparseMatrix rows, IReadOnlyList<int> y,
        IReadOnlyList<int> weights, int classes, int maxFeatures, Random random)
    {
        private readonly int[] _samples = [.. Enumerable.Range(0, y.Count).Where(i => weights[i] > 0)];
        private readonly int[] _mark = new int[y.Count];
        private readonly float[] _value = new float[y.Count];
        private readonly int[] _features = [.. Enumerable.Range(0, columns.Columns)];
        private readonly List<(float Value, int Row)> _entries = [];
        private int _stamp;

        public void Run()
        {
            var stack = new Stack<(int Node, int Start, int End, int Depth)>();
            stack.Push((tree.AddNode(0), 0, _samples.Length, 0));
            while (stack.Count > 0)
            {
                var (node, start, end, depth) = stack.Pop();
                double[] counts = ClassWeights(start, end);
                var split = end - start >= 2 && Gini(counts) > Epsilon ? BestSplit(start, end, counts) : null;
                if (split is not { } s)
                {
                    double total = counts.Sum();
                    tree._left[node] = tree._leafProba.Count;
                    tree._leafProba.Add([.. counts.Select(c => c / total)]);
                    continue;
                }
                int middle = Partition(start, end, s.Feature, s.Threshold);
                (tree._feature[node], tree._threshold[node]) = (s.Feature, s.Threshold);
                tree._left[node] = tree.AddNode(depth + 1);
                tree._right[node] = tree.AddNode(depth + 1);
                // Right pushed first so the left child is grown first, as scikit-learn's depth-first builder does.
                stack.Push((tree._right[node], middle, end, depth + 1));
                stack.Push((tree._left[node], start, middle, depth + 1));
            }
        }

        private double[] ClassWeights(int start, int end)
        {
            var counts = new double[classes];
            for (int k = start; k < end; k++) counts[y[_samples[k]]] += weights[_samples[k]];
            return counts;
        }

        private static double Gini(double[] counts)
        {
            double total = counts.Sum(), sum = 0;
            foreach (double c in counts) sum += c / total * (c / total);
            return 1 - sum;
        }

        /// <summary>The best split of the node's rows, or null when no feature varies in it.</summary>
        private (int Feature, double Threshold)? BestSplit(int start, int end, double[] counts)
        {
            _stamp++;
            for (int k = start; k < end; k++) _mark[_samples[k]] = _stamp;
            (int Feature, double Threshold, double Score)? best = null;
            int visited = 0;
            for (int drawn = 0; drawn < _features.Length && (visited < maxFeatures || best is null); drawn++)
            {
                if (visited >= maxFeatures)
                {
                    // All features looked at so far were constant. scikit-learn keeps drawing until a varying one
                    // turns up: that one is uniform among the node's varying features, which we list directly.
                    int? f = RandomVaryingFeature(start, end);
                    if (f is null) return null;
                    best = Evaluate(f.Value, end - start, counts);
                    break;
                }
                int pick = random.Next(drawn, _features.Length);
                (_features[drawn], _features[pick]) = (_features[pick], _features[drawn]);
                visited++;
                var found = Evaluate(_features[drawn], end - start, counts);
                if (found is { } candidate && (best is null || candidate.Score > best.Value.Score)) best = found;
            }
            return best is { } b ? (b.Feature, b.Threshold) : null;
        }

        /// <summary>The best threshold of <paramref name="feature"/> over the marked rows, or null if it is constant
        /// there.</summary>
        private (int Feature, double Threshold, double Score)? Evaluate(int feature, int rowCount, double[] counts)
        {
            _entries.Clear();
            ReadOnlySpan<int> rowsOf = columns.RowsOf(feature);
            ReadOnlySpan<float> valuesOf = columns.ValuesOf(feature);
            for (int k = 0; k < rowsOf.Length; k++)
                if (_mark[rowsOf[k]] == _stamp) _entries.Add((valuesOf[k], rowsOf[k]));
            int zeros = rowCount - _entries.Count;
            if (_entries.Count == 0 || zeros == 0 && _entries.All(e => e.Value == _entries[0].Value)) return null;

            // The node's values in ascending order, as groups of equal value: the zero block is one group.
            _entries.Sort((a, b) => a.Value.CompareTo(b.Value));
            var zeroWeights = (double[])counts.Clone();
            foreach (var (_, row) in _entries) zeroWeights[y[row]] -= weights[row];
            var left = new double[classes];
            double total = counts.Sum(), leftTotal = 0, previous = double.NaN;
            (int, double, double)? best = null;
            bool zeroAdded = zeros == 0;
            int e = 0;
            while (true)
            {
                // The next group: the zero block if it comes next in value order, else the run of equal entries.
                double value;
                if (!zeroAdded && (e == _entries.Count || _entries[e].Value > 0))
                {
                    value = 0;
                    if (!double.IsNaN(previous))
                        best = Better(best, feature, previous, value, left, leftTotal, total, counts);
                    for (int c = 0; c < classes; c++) left[c] += zeroWeights[c];
                    leftTotal += zeroWeights.Sum();
                    zeroAdded = true;
                }
                else if (e < _entries.Count)
                {
                    value = _entries[e].Value;
                    if (!double.IsNaN(previous))
                        best = Better(best, feature, previous, value, left, leftTotal, total, counts);
                    for (; e < _entries.Count && _entries[e].Value == value; e++)
                    {
                        left[y[_entries[e].Row]] += weights[_entries[e].Row];
                        leftTotal += weights[_entries[e].Row];
                    }
                }
                else break;
                previous = value;
            }
            return best;
        }

        /// <summary>The better of <paramref name="best"/> and the split between <paramref name="below"/> and
        /// <paramref name="above"/> (left holding the weights up to <paramref name="below"/>).</summary>
        private (int, double, double)? Better((int, double, double)? best, int feature, double below, double above,
            double[] left, double leftTotal, double total, double[] counts)
        {
            double rightTotal = total - leftTotal, score = 0;
            for (int c = 0; c < classes; c++)
            {
                double right = counts[c] - left[c];
                score += left[c] * left[c] / leftTotal + right * right / rightTotal;
            }
            if (best is { } b && score <= b.Item3) return best;
            // scikit-learn's midpoint, in float as its thresholds are compared with float32 values; if rounding
            // lands it on the upper value, the lower one is used.
            double threshold = below / 2.0 + above / 2.0;
            if (threshold == above || double.IsInfinity(threshold)) threshold = below;
            return (feature, threshold, score);
        }

        /// <summary>A feature drawn uniformly among those that vary over the node's rows, or null if none does.
        /// </summary>
        private int? RandomVaryingFeature(int start, int end)
        {
            var seen = new Dictionary<int, (int Count, float First, bool Same)>();
            for (int k = start; k < end; k++)
            {
                var (cols, vals) = rows.Row(_samples[k]);
                for (int j = 0; j < cols.Length; j++)
                {
                    int f = cols.Span[j];
                    float v = vals.Span[j];
                    seen[f] = seen.TryGetValue(f, out var s)
                        ? (s.Count + 1, s.First, s.Same && v == s.First)
                        : (1, v, true);
                }
            }
            int n = end - start;
            int[] varying = [.. seen.Where(p => p.Value.Count < n || !p.Value.Same).Select(p => p.Key).Order()];
            return varying.Length == 0 ? null : varying[random.Next(varying.Length)];
        }

        /// <summary>Moves the rows with x_f ≤ θ to the front of the segment; returns where the right part starts.
        /// </summary>
        private int Partition(int start, int end, int feature, double threshold)
        {
            ReadOnlySpan<int> rowsOf = columns.RowsOf(feature);
            ReadOnlySpan<float> valuesOf = columns.ValuesOf(feature);
            for (int k = 0; k < rowsOf.Length; k++)
                if (_mark[rowsOf[k]] == _stamp) _value[rowsOf[k]] = valuesOf[k];
            int middle = start;
            for (int k = start; k < end; k++)
                if (_value[_samples[k]] <= threshold)
                    (_samples[middle], _samples[k]) = (_samples[k], _samples[middle++]);
            for (int k = start; k < end; k++) _value[_samples[k]] = 0;
            return middle;
        }
    }
}

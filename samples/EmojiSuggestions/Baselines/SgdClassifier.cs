// A linear SVM trained by plain SGD on the hinge loss, as scikit-learn's SGDClassifier() runs it (sgd_fast.pyx):
//
//   for each class c, one binary problem y = +1 (class c) or −1 (the rest)              one-vs-rest
//   per epoch, shuffled; per row x:  p = w·x + b
//     η_t    = 1 / (α (t₀ + t − 1))      t₀ = 1 / (η₀ α),  η₀ = α^(−1/4)               learning_rate='optimal'
//     w     ← (1 − η_t α) w                                                            penalty='l2' (alpha 1e-4)
//     if y·p ≤ 1:  w ← w + η_t y x,  b ← b + 0.01 · η_t y                               loss='hinge'
//   stop when an epoch's summed hinge loss is not below (best − tol · rows) 5 times running (tol 1e-3), or
//   after max_iter = 1000 epochs
//
// The 0.01 is scikit-learn's SPARSE_INTERCEPT_DECAY: on sparse input the intercept moves a hundred times more
// slowly than the weights. The L2 shrink is O(1): w is stored as scale · v, and shrinking multiplies the scale
// (scikit-learn's WeightVector), so a step costs only the row's non-zeros.

using DeepSeq.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Baselines;

/// <summary>
/// scikit-learn's <c>SGDClassifier()</c> with its defaults: <c>loss='hinge'</c>, <c>penalty='l2'</c>,
/// <c>alpha=1e-4</c>, <c>learning_rate='optimal'</c>, <c>max_iter=1000</c>, <c>tol=1e-3</c>,
/// <c>n_iter_no_change=5</c>, <c>shuffle=True</c>, <c>fit_intercept=True</c>, one-vs-rest over the classes; the
/// update rule is at the top of the file. Predicts the class with the largest <c>w_c·x + b_c</c>.
/// </summary>
/// <remarks>Differs from scikit-learn in its random numbers only: each class's rows are shuffled by
/// <see cref="Random"/> seeded from <see cref="Seed"/> and the class, not by NumPy's generator, so the weights
/// (and the epochs taken) differ from scikit-learn's run by run, as two of its seeds differ.</remarks>
public sealed class SgdClassifier(int seed, double alpha = 1e-4, int maxIter = 1000, double tol = 1e-3) : IClassifier
{
    /// <summary>The factor scikit-learn applies to the intercept's step on sparse input.</summary>
    public const double SparseInterceptDecay = 0.01;

    /// <summary>Epochs without enough improvement before stopping. scikit-learn: <c>n_iter_no_change</c>.</summary>
    public const int NoImprovementEpochs = 5;

    private double[][]? _weights;
    private double[]? _intercepts;

    /// <summary>The seed of the shuffles. scikit-learn: <c>random_state</c>.</summary>
    public int Seed { get; } = seed;

    /// <summary>The L2 strength α, also setting the learning rate. scikit-learn: <c>alpha</c> (default 1e-4).</summary>
    public double Alpha { get; } = alpha > 0 ? alpha
        : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "SGDClassifier: alpha must be > 0 for 'optimal'");

    /// <summary>The most epochs per class. scikit-learn: <c>max_iter</c> (default 1000).</summary>
    public int MaxIter { get; } = maxIter >= 1 ? maxIter
        : throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, "SGDClassifier: max_iter must be >= 1");

    /// <summary>The stopping tolerance on the epoch's summed loss. scikit-learn: <c>tol</c> (default 1e-3).</summary>
    public double Tol { get; } = tol;

    /// <summary>The epochs each class's binary problem ran (scikit-learn reports their maximum as <c>n_iter_</c>).
    /// </summary>
    public int[] Epochs { get; private set; } = [];

    /// <summary>The weights <c>w_c</c>, one array per class. scikit-learn: <c>coef_</c>.</summary>
    public double[][] Weights => _weights ?? throw new InvalidOperationException("SGDClassifier: not fitted yet");

    /// <summary>The intercepts <c>b_c</c>. scikit-learn: <c>intercept_</c>.</summary>
    public double[] Intercepts => _intercepts ?? throw new InvalidOperationException("SGDClassifier: not fitted yet");

    /// <inheritdoc/>
    public void Fit(SparseMatrix x, IReadOnlyList<int> y, int classes)
    {
        ClassifierChecks.Fit("SGDClassifier.Fit", x, y, classes);
        _weights = new double[classes][];
        _intercepts = new double[classes];
        Epochs = new int[classes];
        for (int c = 0; c < classes; c++)
        {
            double[] target = [.. y.Select(label => label == c ? 1.0 : -1.0)];
            (_weights[c], _intercepts[c], Epochs[c]) = FitBinary(x, target, new Random(Seeds.Derive(Seed, c)));
        }
    }

    /// <summary>One binary problem (targets ±1) by the rule at the top of the file: the weights, the intercept and
    /// the epochs run.</summary>
    private (double[] W, double B, int Epochs) FitBinary(SparseMatrix x, double[] y, Random random)
    {
        double typicalWeight = Math.Sqrt(1.0 / Math.Sqrt(Alpha));
        // η₀ = typw / max(1, −dloss(−typw, y=1)); the hinge's derivative there is −1, so η₀ = typw.
        double optimalInit = 1.0 / (typicalWeight * Alpha);
        var v = new double[x.Columns];
        double scale = 1.0, intercept = 0.0, bestLoss = double.PositiveInfinity, t = 1;
        int[] order = [.. Enumerable.Range(0, x.Rows)];
        int noImprovement = 0, epoch = 0;
        while (epoch < MaxIter)
        {
            epoch++;
            random.Shuffle(order);
            double sumLoss = 0;
            foreach (int i in order)
            {
                int start = x.RowPointers[i], end = x.RowPointers[i + 1];
                double dot = 0;
                for (int k = start; k < end; k++) dot += v[x.ColumnIndices[k]] * x.Values[k];
                double p = dot * scale + intercept, eta = 1.0 / (Alpha * (optimalInit + t - 1));
                sumLoss += Math.Max(0, 1 - y[i] * p);
                double update = y[i] * p <= 1 ? eta * y[i] : 0.0;   // −η · dloss, dloss = −y inside the margin
                scale *= Math.Max(0, 1 - eta * Alpha);
                if (scale < 1e-9)
                {
                    Rescaled(v, scale);   // scikit-learn's reset_wscale: keep the scale away from underflow
                    scale = 1.0;
                }
                if (update != 0)
                {
                    for (int k = start; k < end; k++) v[x.ColumnIndices[k]] += x.Values[k] * update / scale;
                    intercept += update * SparseInterceptDecay;
                }
                t++;
            }
            noImprovement = Tol > double.NegativeInfinity && sumLoss > bestLoss - Tol * x.Rows ? noImprovement + 1 : 0;
            bestLoss = Math.Min(bestLoss, sumLoss);
            if (noImprovement >= NoImprovementEpochs) break;
        }
        return (Rescaled(v, scale), intercept, epoch);
    }

    /// <summary>The weights <c>scale · v</c> written out (scikit-learn's WeightVector.reset_wscale).</summary>
    private static double[] Rescaled(double[] v, double scale)
    {
        for (int j = 0; j < v.Length; j++) v[j] *= scale;
        return v;
    }

    /// <summary>The decision values <c>w_c·x + b_c</c> of every row, (rows, classes). scikit-learn:
    /// <c>decision_function</c>.</summary>
    public double[,] DecisionFunction(SparseMatrix x)
    {
        var weights = Weights;
        ClassifierChecks.Predict("SGDClassifier.DecisionFunction", x, weights[0].Length);
        var scores = new double[x.Rows, weights.Length];
        for (int i = 0; i < x.Rows; i++)
            for (int c = 0; c < weights.Length; c++)
            {
                double s = _intercepts![c];
                for (int k = x.RowPointers[i]; k < x.RowPointers[i + 1]; k++)
                    s += weights[c][x.ColumnIndices[k]] * x.Values[k];
                scores[i, c] = s;
            }
        return scores;
    }

    /// <inheritdoc/>
    public int[] Predict(SparseMatrix x)
    {
        var scores = DecisionFunction(x);
        return [.. Enumerable.Range(0, x.Rows).Select(i => Scores.ArgMax(scores, i))];
    }
}

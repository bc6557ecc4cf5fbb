// scikit-learn's SVC() = libsvm's C-SVC with an RBF kernel, one-vs-one:
//
//   K(a, b) = exp(−γ ‖a − b‖²),  γ = 'scale' = 1 / (features · Var(X))   (Var over every entry of X, zeros too)
//   for each pair of classes (p < q): rows of p get y = +1, rows of q y = −1, and the dual
//     min_α ½ αᵀQα − Σα   with  Q_st = y_s y_t K(x_s, x_t),  0 ≤ α ≤ C = 1,  Σ y_s α_s = 0
//   is solved by SMO: pick i = argmax_{I_up} −y G, j by libsvm's second-order rule (WSS3), solve the two-variable
//   problem in closed form, clip to the box, update the gradient G = Qα − 1; stop when the KKT gap < tol = 1e-3
//   decision_pq(x) = Σ_s α_s y_s K(x_s, x) − ρ;  predict: each pair votes p (decision > 0) or q, most votes wins
//   (ties: the smaller class, as libsvm)
//
// The kernel of every pair of training rows is computed once (a Gram matrix shared by all pairs), which is why
// this class is meant for a few thousand rows: RbfSvc on 26,800 rows would need 2.9 GB of Gram matrix and hours.

using DeepSeq.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Baselines;

/// <summary>
/// scikit-learn's <c>SVC()</c> with its defaults: <c>kernel='rbf'</c>, <c>C=1.0</c>, <c>gamma='scale'</c>,
/// <c>tol=1e-3</c>, one-vs-one voting (libsvm's <c>predict</c>); the solver is libsvm's SMO with the
/// second-order working-set selection (the rules at the top of the file).
/// </summary>
/// <remarks>Differs from libsvm in leaving out shrinking (which only saves time: the stopping rule is the same) and
/// in keeping the whole Gram matrix instead of an LRU cache of kernel rows; the Gram matrix is float, as libsvm's
/// cache is (Qfloat).</remarks>
/// <param name="c">The box constraint. scikit-learn: <c>C</c> (default 1.0).</param>
/// <param name="tol">The KKT tolerance. scikit-learn: <c>tol</c> (default 1e-3).</param>
/// <param name="gamma">The kernel width; null for 'scale' (scikit-learn's default since 0.22), or a number, e.g.
/// <see cref="AutoGamma"/> for 'auto', the default of the scikit-learn the book used.</param>
public sealed class RbfSvc(double c = 1.0, double tol = 1e-3, double? gamma = null) : IClassifier
{
    private const double Tau = 1e-12;   // libsvm's TAU: the curvature used where the pair's is not positive

    private SparseMatrix? _support;
    private double[] _squaredNorms = [];
    private Pair[] _pairs = [];
    private int _classes;

    /// <summary>One pair's trained decision function: support rows (indices into the fitted rows), their
    /// coefficients α_s y_s, and ρ.</summary>
    private sealed record Pair(int P, int Q, int[] Rows, double[] Coefficients, double Rho);

    /// <summary>The box constraint C. scikit-learn: <c>C</c> (default 1.0).</summary>
    public double C { get; } = c > 0 ? c : throw new ArgumentOutOfRangeException(nameof(c), c, "SVC: C must be > 0");

    /// <summary>The KKT tolerance of the stopping rule. scikit-learn: <c>tol</c> (default 1e-3).</summary>
    public double Tol { get; } = tol > 0 ? tol
        : throw new ArgumentOutOfRangeException(nameof(tol), tol, "SVC: tol must be > 0");

    /// <summary>γ as fitted: the one given, or 'scale'. scikit-learn: <c>_gamma</c>.</summary>
    public double Gamma { get; private set; } = gamma is null or > 0 ? gamma ?? 0
        : throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "SVC: gamma must be > 0");

    /// <summary>'auto': 1 / features, scikit-learn's default before 0.22 (and so the book's).</summary>
    public static double AutoGamma(int features) => 1.0 / features;

    /// <summary>The distinct support rows over all pairs. scikit-learn: <c>support_.Length</c>.</summary>
    public int SupportCount => _pairs.SelectMany(p => p.Rows).Distinct().Count();

    /// <summary>'scale': 1 / (columns · Var(x)), the variance over every entry of <paramref name="x"/> (zeros
    /// included), as scikit-learn computes <c>X.var()</c>; 1 where the variance is 0.</summary>
    public static double ScaleGamma(SparseMatrix x)
    {
        ArgumentNullException.ThrowIfNull(x);
        double entries = (double)x.Rows * x.Columns, sum = 0, squares = 0;
        foreach (float v in x.Values) (sum, squares) = (sum + v, squares + (double)v * v);
        double variance = squares / entries - (sum / entries) * (sum / entries);
        return variance > 0 ? 1.0 / (x.Columns * variance) : 1.0;
    }

    /// <inheritdoc/>
    public void Fit(SparseMatrix x, IReadOnlyList<int> y, int classes)
    {
        ClassifierChecks.Fit("SVC.Fit", x, y, classes);
        Gamma = gamma ?? ScaleGamma(x);
        _squaredNorms = SquaredNorms(x);
        var gram = Gram(x, _squaredNorms, Gamma);
        var pairs = new List<Pair>();
        for (int p = 0; p < classes; p++)
            for (int q = p + 1; q < classes; q++)
            {
                int[] rows = [.. Enumerable.Range(0, x.Rows).Where(i => y[i] == p || y[i] == q)];
                if (rows.Length == 0 || rows.All(i => y[i] == p) || rows.All(i => y[i] == q)) continue;
                double[] signs = [.. rows.Select(i => y[i] == p ? 1.0 : -1.0)];
                var (alpha, rho) = Solve(gram, x.Rows, rows, signs);
                int[] support = [.. Enumerable.Range(0, rows.Length).Where(s => alpha[s] > 0)];
                pairs.Add(new Pair(p, q, [.. support.Select(s => rows[s])],
                    [.. support.Select(s => alpha[s] * signs[s])], rho));
            }
        (_support, _pairs, _classes) = (x, [.. pairs], classes);
    }

    /// <summary>libsvm's SMO on one pair's rows: α and ρ.</summary>
    private (double[] Alpha, double Rho) Solve(float[] gram, int n, int[] rows, double[] y)
    {
        int l = rows.Length;
        // The pair's own block of the Gram matrix, contiguous: SMO reads two of its rows per step.
        var block = new float[(long)l * l];
        for (int s = 0; s < l; s++)
            for (int t = 0; t < l; t++) block[(long)s * l + t] = gram[(long)rows[s] * n + rows[t]];
        double K(int s, int t) => block[(long)s * l + t];
        var alpha = new double[l];
        var g = Enumerable.Repeat(-1.0, l).ToArray();   // G = Qα − 1 with α = 0
        bool Up(int t) => y[t] > 0 ? alpha[t] < C : alpha[t] > 0;     // α_t can move so that y_t α_t grows
        bool Low(int t) => y[t] > 0 ? alpha[t] > 0 : alpha[t] < C;
        long maxIter = Math.Max(10_000_000, 100L * l);
        for (long iter = 0; iter < maxIter; iter++)
        {
            // i: the steepest violator in I_up; j: the second-order choice (largest objective decrease) in I_low.
            int i = -1, j = -1;
            double gMax = double.NegativeInfinity, gMax2 = double.NegativeInfinity, best = double.PositiveInfinity;
            for (int t = 0; t < l; t++)
                if (Up(t) && -y[t] * g[t] >= gMax) (gMax, i) = (-y[t] * g[t], t);
            if (i < 0) break;
            for (int t = 0; t < l; t++)
            {
                if (!Low(t)) continue;
                gMax2 = Math.Max(gMax2, y[t] * g[t]);
                double gradDiff = gMax + y[t] * g[t];
                if (gradDiff <= 0) continue;
                double curvature = K(i, i) + K(t, t) - 2 * K(i, t);
                double decrease = -gradDiff * gradDiff / (curvature > 0 ? curvature : Tau);
                if (decrease <= best) (best, j) = (decrease, t);
            }
            if (gMax + gMax2 < Tol || j < 0) break;
            Step(i, j);
        }
        return (alpha, Rho());

        void Step(int i, int j)
        {
            double oldI = alpha[i], oldJ = alpha[j], qij = y[i] * y[j] * K(i, j);
            if (y[i] != y[j])
            {
                double curvature = K(i, i) + K(j, j) + 2 * qij;
                double delta = (-g[i] - g[j]) / (curvature > 0 ? curvature : Tau);
                double diff = alpha[i] - alpha[j];
                alpha[i] += delta;
                alpha[j] += delta;
                // Back into the box along the line α_i − α_j = diff (libsvm's four cases).
                if (diff > 0 ? alpha[j] < 0 : alpha[i] < 0)
                    (alpha[i], alpha[j]) = diff > 0 ? (diff, 0.0) : (0.0, -diff);
                if (diff > 0 ? alpha[i] > C : alpha[j] > C)
                    (alpha[i], alpha[j]) = diff > 0 ? (C, C - diff) : (C + diff, C);
            }
            else
            {
                double curvature = K(i, i) + K(j, j) - 2 * qij;
                double delta = (g[i] - g[j]) / (curvature > 0 ? curvature : Tau);
                double sum = alpha[i] + alpha[j];
                alpha[i] -= delta;
                alpha[j] += delta;
                // Back into the box along the line α_i + α_j = sum.
                if (sum > C ? alpha[i] > C : alpha[j] < 0)
                    (alpha[i], alpha[j]) = sum > C ? (C, sum - C) : (sum, 0.0);
                if (sum > C ? alpha[j] > C : alpha[i] < 0)
                    (alpha[i], alpha[j]) = sum > C ? (sum - C, C) : (0.0, sum);
            }
            double dI = alpha[i] - oldI, dJ = alpha[j] - oldJ;
            for (int t = 0; t < l; t++) g[t] += y[t] * (y[i] * K(i, t) * dI + y[j] * K(j, t) * dJ);
        }

        // ρ: the mean of y G over the free α, else the middle of the bounds the bounded ones give (libsvm).
        double Rho()
        {
            double upper = double.PositiveInfinity, lower = double.NegativeInfinity, sumFree = 0;
            int free = 0;
            for (int t = 0; t < l; t++)
            {
                double yg = y[t] * g[t];
                bool atUpper = alpha[t] >= C, atLower = alpha[t] <= 0;
                if (!atUpper && !atLower) (free, sumFree) = (free + 1, sumFree + yg);
                else if (atUpper == (y[t] < 0)) upper = Math.Min(upper, yg);
                else lower = Math.Max(lower, yg);
            }
            return free > 0 ? sumFree / free : (upper + lower) / 2;
        }
    }

    /// <summary>Every pair's decision value for every row, (rows, pairs), pairs in the order (0,1), (0,2), …
    /// scikit-learn: <c>decision_function</c> with <c>decision_function_shape='ovo'</c>.</summary>
    public double[,] DecisionFunction(SparseMatrix x)
    {
        var support = _support ?? throw new InvalidOperationException("SVC: not fitted yet; call Fit first");
        ClassifierChecks.Predict("SVC.DecisionFunction", x, support.Columns);
        var norms = SquaredNorms(x);
        var decisions = new double[x.Rows, _pairs.Length];
        Parallel.For(0, x.Rows, () => new double[x.Columns], (r, _, dense) =>
        {
            Scatter(x, r, dense, 1);
            var kernel = new Dictionary<int, double>();
            for (int p = 0; p < _pairs.Length; p++)
            {
                double sum = -_pairs[p].Rho;
                for (int s = 0; s < _pairs[p].Rows.Length; s++)
                {
                    int row = _pairs[p].Rows[s];
                    if (!kernel.TryGetValue(row, out double k))
                        kernel[row] = k = Rbf(Dot(support, row, dense), norms[r], _squaredNorms[row], Gamma);
                    sum += _pairs[p].Coefficients[s] * k;
                }
                decisions[r, p] = sum;
            }
            Scatter(x, r, dense, 0);
            return dense;
        }, _ => { });
        return decisions;
    }

    /// <inheritdoc/>
    public int[] Predict(SparseMatrix x)
    {
        var decisions = DecisionFunction(x);
        var predicted = new int[x.Rows];
        for (int r = 0; r < x.Rows; r++)
        {
            var votes = new int[_classes];
            for (int p = 0; p < _pairs.Length; p++) votes[decisions[r, p] > 0 ? _pairs[p].P : _pairs[p].Q]++;
            predicted[r] = Array.IndexOf(votes, votes.Max());   // the first class with the most votes, as libsvm
        }
        return predicted;
    }

    /// <summary>The RBF kernel from a dot product and the two squared norms: exp(−γ (‖a‖² + ‖b‖² − 2 a·b)).
    /// </summary>
    public static double Rbf(double dot, double squaredNormA, double squaredNormB, double gamma)
        => Math.Exp(-gamma * Math.Max(0, squaredNormA + squaredNormB - 2 * dot));

    /// <summary>The Gram matrix K(x_s, x_t) of every pair of rows, row-major (rows × rows), in float.</summary>
    private static float[] Gram(SparseMatrix x, double[] norms, double gamma)
    {
        int n = x.Rows;
        var gram = new float[(long)n * n];
        Parallel.For(0, n, () => new double[x.Columns], (s, _, dense) =>
        {
            Scatter(x, s, dense, 1);
            for (int t = 0; t <= s; t++)
                gram[(long)s * n + t] = gram[(long)t * n + s] = (float)Rbf(Dot(x, t, dense), norms[s], norms[t], gamma);
            Scatter(x, s, dense, 0);
            return dense;
        }, _ => { });
        return gram;
    }

    /// <summary>Writes row <paramref name="row"/> into <paramref name="dense"/> (<paramref name="on"/> = 1) or
    /// clears it again (0).</summary>
    private static void Scatter(SparseMatrix x, int row, double[] dense, int on)
    {
        for (int k = x.RowPointers[row]; k < x.RowPointers[row + 1]; k++) dense[x.ColumnIndices[k]] = on * x.Values[k];
    }

    private static double Dot(SparseMatrix x, int row, double[] dense)
    {
        double sum = 0;
        for (int k = x.RowPointers[row]; k < x.RowPointers[row + 1]; k++)
            sum += x.Values[k] * dense[x.ColumnIndices[k]];
        return sum;
    }

    private static double[] SquaredNorms(SparseMatrix x)
        => [.. Enumerable.Range(0, x.Rows).Select(r =>
        {
            double sum = 0;
            for (int k = x.RowPointers[r]; k < x.RowPointers[r + 1]; k++) sum += (double)x.Values[k] * x.Values[k];
            return sum;
        })];
}

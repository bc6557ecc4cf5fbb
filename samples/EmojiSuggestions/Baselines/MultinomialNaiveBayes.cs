// Multinomial naive Bayes, as scikit-learn's MultinomialNB(alpha=1.0, fit_prior=True) fits it:
//
//   N(c, j)      = Σ over rows i of class c of x(i, j)                  (feature_count_; tf-idf weights, not counts)
//   log θ(c, j)  = ln(N(c, j) + α) − ln(Σ_j' N(c, j') + α · features)   (feature_log_prob_)
//   log π(c)     = ln(rows of class c / rows)                           (class_log_prior_)
//   score(c | x) = log π(c) + Σ_j x(j) · log θ(c, j)                     (predict: the argmax)
//
// The model is "multinomial" in the weights it sums: on tf-idf rows N(c, j) is a sum of weights, which is what
// scikit-learn does too (and why ML.NET's naive Bayes, which counts feature presence, is not this model).

using DeepSeq.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Baselines;

/// <summary>
/// scikit-learn's <c>MultinomialNB</c> with its defaults (<c>alpha=1.0</c>, <c>fit_prior=True</c>): the formulas
/// at the top of the file. <see cref="PredictProba"/> is its <c>predict_proba</c>, the softmax of the scores.
/// </summary>
/// <remarks>Differs from scikit-learn only in arithmetic order (double sums here); a class absent from the
/// training labels gets log π = −∞ and is never predicted, as in scikit-learn (which warns).</remarks>
public sealed class MultinomialNaiveBayes(double alpha = 1.0) : IClassifier
{
    private double[,]? _featureLogProb;
    private double[]? _classLogPrior;

    /// <summary>The additive (Laplace) smoothing α. scikit-learn: <c>alpha</c> (default 1.0).</summary>
    public double Alpha { get; } = alpha >= 0 ? alpha
        : throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "MultinomialNB: alpha must be >= 0");

    /// <summary>log θ(c, j), (classes, features). scikit-learn: <c>feature_log_prob_</c>.</summary>
    public double[,] FeatureLogProb => _featureLogProb ?? throw NotFitted();

    /// <summary>log π(c). scikit-learn: <c>class_log_prior_</c>.</summary>
    public IReadOnlyList<double> ClassLogPrior => _classLogPrior ?? throw NotFitted();

    /// <inheritdoc/>
    public void Fit(SparseMatrix x, IReadOnlyList<int> y, int classes)
    {
        ClassifierChecks.Fit("MultinomialNB.Fit", x, y, classes);
        int features = x.Columns;
        var featureCount = new double[classes, features];
        var rows = new int[classes];
        for (int i = 0; i < x.Rows; i++)
        {
            rows[y[i]]++;
            for (int k = x.RowPointers[i]; k < x.RowPointers[i + 1]; k++)
                featureCount[y[i], x.ColumnIndices[k]] += x.Values[k];
        }
        var logProb = new double[classes, features];
        for (int c = 0; c < classes; c++)
        {
            double total = 0;
            for (int j = 0; j < features; j++) total += featureCount[c, j] + Alpha;
            for (int j = 0; j < features; j++) logProb[c, j] = Math.Log(featureCount[c, j] + Alpha) - Math.Log(total);
        }
        _featureLogProb = logProb;
        _classLogPrior = [.. rows.Select(r => Math.Log((double)r / x.Rows))];
    }

    /// <summary>The joint log-likelihood log π(c) + Σ x(j) log θ(c, j) of every row and class, (rows, classes).
    /// scikit-learn: <c>_joint_log_likelihood</c>.</summary>
    public double[,] JointLogLikelihood(SparseMatrix x)
    {
        var logProb = FeatureLogProb;
        ClassifierChecks.Predict("MultinomialNB.JointLogLikelihood", x, logProb.GetLength(1));
        int classes = logProb.GetLength(0);
        var scores = new double[x.Rows, classes];
        for (int i = 0; i < x.Rows; i++)
            for (int c = 0; c < classes; c++)
            {
                double s = _classLogPrior![c];
                for (int k = x.RowPointers[i]; k < x.RowPointers[i + 1]; k++)
                    s += x.Values[k] * logProb[c, x.ColumnIndices[k]];
                scores[i, c] = s;
            }
        return scores;
    }

    /// <inheritdoc/>
    public int[] Predict(SparseMatrix x)
    {
        var scores = JointLogLikelihood(x);
        return [.. Enumerable.Range(0, x.Rows).Select(i => Scores.ArgMax(scores, i))];
    }

    /// <summary>P(c | x) for every row, (rows, classes): the softmax of <see cref="JointLogLikelihood"/>, shifted
    /// by each row's maximum so that exp cannot overflow. scikit-learn: <c>predict_proba</c>.</summary>
    public double[,] PredictProba(SparseMatrix x)
    {
        var scores = JointLogLikelihood(x);
        int classes = scores.GetLength(1);
        for (int i = 0; i < x.Rows; i++)
        {
            double max = scores[i, Scores.ArgMax(scores, i)], sum = 0;
            for (int c = 0; c < classes; c++) sum += scores[i, c] = Math.Exp(scores[i, c] - max);
            for (int c = 0; c < classes; c++) scores[i, c] /= sum;
        }
        return scores;
    }

    private static InvalidOperationException NotFitted() => new("MultinomialNB: not fitted yet; call Fit first");
}

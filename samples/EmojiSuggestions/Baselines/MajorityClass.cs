using DeepSeq.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Baselines;

/// <summary>
/// Predicts the most frequent training label for every row: scikit-learn's
/// <c>DummyClassifier(strategy='most_frequent')</c>, the figure every real model must beat. Ties go to the
/// smallest label, as NumPy's argmax gives them.
/// </summary>
public sealed class MajorityClass : IClassifier
{
    private int _features = -1;

    /// <summary>The label predicted for every row; −1 before <see cref="Fit"/>.</summary>
    public int Label { get; private set; } = -1;

    /// <inheritdoc/>
    public void Fit(SparseMatrix x, IReadOnlyList<int> y, int classes)
    {
        ClassifierChecks.Fit("MajorityClass.Fit", x, y, classes);
        var counts = new int[classes];
        foreach (int label in y) counts[label]++;
        Label = Array.IndexOf(counts, counts.Max());
        _features = x.Columns;
    }

    /// <inheritdoc/>
    public int[] Predict(SparseMatrix x)
    {
        ClassifierChecks.Predict("MajorityClass.Predict", x, _features);
        return Enumerable.Repeat(Label, x.Rows).ToArray();
    }
}

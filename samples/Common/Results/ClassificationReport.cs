using System.Globalization;

namespace DeepSeq.Samples.Results;

/// <summary>
/// How a classifier did per class: the confusion matrix and, from it, each class's precision, recall and F1, their
/// unweighted mean (macro F1) and the accuracy — scikit-learn's <c>confusion_matrix</c> and
/// <c>classification_report</c>.
/// </summary>
/// <remarks>
/// counts[t, p] is the number of samples of true class t predicted as p. For class c: precision = counts[c, c] /
/// Σₜ counts[t, c], recall = counts[c, c] / Σₚ counts[c, p], F1 = 2·P·R / (P + R); a ratio with a zero denominator is
/// 0, as scikit-learn's <c>zero_division=0</c>. Support is the number of true samples of the class.
/// </remarks>
public sealed class ClassificationReport
{
    private ClassificationReport(IReadOnlyList<string> classes, int[,] counts)
    {
        Classes = classes;
        Counts = counts;
        int k = classes.Count;
        Precision = new double[k];
        Recall = new double[k];
        F1 = new double[k];
        Support = new int[k];
        for (int c = 0; c < k; c++)
        {
            int predicted = 0;
            for (int t = 0; t < k; t++) predicted += counts[t, c];
            for (int p = 0; p < k; p++) Support[c] += counts[c, p];
            Precision[c] = Ratio(counts[c, c], predicted);
            Recall[c] = Ratio(counts[c, c], Support[c]);
            F1[c] = Precision[c] + Recall[c] == 0 ? 0 : 2 * Precision[c] * Recall[c] / (Precision[c] + Recall[c]);
        }
        int right = Enumerable.Range(0, k).Sum(c => counts[c, c]);
        Accuracy = Ratio(right, Support.Sum());
        MacroF1 = F1.Average();
    }

    /// <summary>The class names, index = class id.</summary>
    public IReadOnlyList<string> Classes { get; }
    /// <summary>counts[true, predicted].</summary>
    public int[,] Counts { get; }
    /// <summary>Per class: of the samples predicted as it, the share that are.</summary>
    public double[] Precision { get; }
    /// <summary>Per class: of its samples, the share predicted as it.</summary>
    public double[] Recall { get; }
    /// <summary>Per class: the harmonic mean of precision and recall.</summary>
    public double[] F1 { get; }
    /// <summary>Per class: its number of true samples.</summary>
    public int[] Support { get; }
    /// <summary>The share of samples predicted right.</summary>
    public double Accuracy { get; }
    /// <summary>The unweighted mean of the classes' F1.</summary>
    public double MacroF1 { get; }

    /// <summary>The report of <paramref name="predicted"/> against <paramref name="actual"/> (class ids in [0,
    /// classes)); a length mismatch or an id out of range is an error naming it.</summary>
    public static ClassificationReport Of(IReadOnlyList<int> actual, IReadOnlyList<int> predicted,
        IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(classes);
        if (actual.Count != predicted.Count)
            throw new ArgumentException($"classification report: {actual.Count} true labels but {predicted.Count} " +
                                        "predictions");
        var counts = new int[classes.Count, classes.Count];
        for (int i = 0; i < actual.Count; i++)
        {
            foreach (var (id, what) in new[] { (actual[i], "true label"), (predicted[i], "prediction") })
                if ((uint)id >= (uint)classes.Count)
                    throw new ArgumentException($"classification report: {what} {i} is {id}, not a class id in " +
                                                $"[0, {classes.Count})");
            counts[actual[i], predicted[i]]++;
        }
        return new ClassificationReport(classes, counts);
    }

    /// <summary>Prints the confusion matrix and the per-class table (precision, recall, F1, support), then accuracy
    /// and macro F1.</summary>
    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var matrix = new TextTable(["true \\ predicted", .. Classes]);
        for (int t = 0; t < Classes.Count; t++)
            matrix.Add([Classes[t], .. Enumerable.Range(0, Classes.Count).Select(p => Counts[t, p].ToString("N0"))]);
        matrix.Write(output);
        var table = new TextTable("class", "precision", "recall", "F1", "support");
        for (int c = 0; c < Classes.Count; c++)
            table.Add(Classes[c], F(Precision[c]), F(Recall[c]), F(F1[c]), Support[c].ToString("N0"));
        table.Write(output);
        output.WriteLine($"accuracy {F(Accuracy)}, macro F1 {F(MacroF1)} on {Support.Sum():N0} samples");
    }

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}

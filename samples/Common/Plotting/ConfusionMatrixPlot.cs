using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.Plotting;

/// <summary>A confusion matrix as a PNG: one square per (true, predicted) pair, shaded by the share of the true
/// class's samples it holds (so rare classes show as clearly as common ones), labelled with the count.</summary>
public static class ConfusionMatrixPlot
{
    /// <summary>Draws <paramref name="report"/>'s matrix (true classes down, predictions across) to
    /// <paramref name="path"/>; returns the path.</summary>
    public static string Save(ClassificationReport report, string path, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        int k = report.Classes.Count;
        var plot = new ScottPlot.Plot();
        for (int t = 0; t < k; t++)
            for (int p = 0; p < k; p++)
            {
                double share = report.Support[t] == 0 ? 0 : (double)report.Counts[t, p] / report.Support[t];
                // Row t is drawn at y = k − 1 − t, so the first class is at the top, as printed.
                double y = k - 1 - t;
                var square = plot.Add.Rectangle(p - 0.5, p + 0.5, y - 0.5, y + 0.5);
                byte shade = (byte)Math.Round(255 * (1 - share));
                square.FillColor = new ScottPlot.Color(shade, shade, 255);
                square.LineColor = ScottPlot.Colors.White;
                var label = plot.Add.Text(report.Counts[t, p].ToString("N0"), p, y);
                label.LabelFontSize = 18;
                label.LabelAlignment = ScottPlot.Alignment.MiddleCenter;
                label.LabelFontColor = share > 0.5 ? ScottPlot.Colors.White : ScottPlot.Colors.Black;
            }
        double[] positions = [.. Enumerable.Range(0, k).Select(i => (double)i)];
        plot.Axes.Bottom.SetTicks(positions, [.. report.Classes]);
        plot.Axes.Left.SetTicks([.. positions.Select(y => k - 1 - y)], [.. report.Classes]);
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.Title(title);
        return PlotFiles.SavePng(plot, path, 640, 560);
    }
}

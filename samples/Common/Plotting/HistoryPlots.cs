using DeepSeq.Layers;

namespace DeepSeq.Samples.Plotting;

/// <summary>
/// Training curves from a <see cref="History"/> as PNG files, drawn as in the book: training values as dots, validation
/// values as a line, epochs counted from 1 on the x axis.
/// </summary>
public static class HistoryPlots
{
    /// <summary>
    /// One PNG per key of <paramref name="keys"/> (e.g. <c>loss</c>, <c>acc</c>): the training curve and, when the
    /// history has it, the <c>val_</c> curve, written to <c>&lt;outDir&gt;/&lt;prefix&gt;_&lt;key&gt;.png</c>.
    /// </summary>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Save(History history, string outDir, string prefix, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(history);
        Directory.CreateDirectory(outDir);
        return [.. keys.Select(key => SaveOne(history, key, Path.Combine(outDir, $"{prefix}_{key}.png"), $"{prefix}: training and validation {key}"))];
    }

    /// <summary>The curve of <paramref name="key"/> (and <c>val_</c><paramref name="key"/> when logged) as a 640×480 PNG at <paramref name="path"/>.</summary>
    public static string SaveOne(History history, string key, string path, string title)
    {
        ArgumentNullException.ThrowIfNull(history);
        double[] epochs = [.. history.Epochs.Select(e => e + 1.0)];
        var plot = new ScottPlot.Plot();

        var training = plot.Add.Scatter(epochs, history[key].ToArray());
        training.LegendText = $"Training {key}";
        training.LineWidth = 0;        // dots only, the book's 'bo'
        training.MarkerSize = 8;

        if (history.Contains("val_" + key))
        {
            var validation = plot.Add.Scatter(epochs, history["val_" + key].ToArray());
            validation.LegendText = $"Validation {key}";
            validation.MarkerSize = 0;  // a line only, the book's 'b'
            validation.LineWidth = 2;
        }

        plot.Title(title);
        plot.XLabel("Epochs");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel(key);
        plot.ShowLegend(ScottPlot.Edge.Bottom);   // below the axes: inside, it would hide the last epochs' points
        return PlotFiles.SavePng(plot, path, 640, 480);
    }
}

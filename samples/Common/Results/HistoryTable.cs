using System.Globalization;
using DeepSeq.Layers;

namespace DeepSeq.Samples.Results;

/// <summary>The per-epoch table every sample prints after Fit: epoch, then every key the history logged (loss, acc,
/// val_loss, val_acc, …) in the order Keras logs them.</summary>
public static class HistoryTable
{
    /// <summary>Writes every key of the history, one row per epoch (4 decimals).</summary>
    public static void Write(History history, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(history);
        var keys = history.Keys.ToArray();
        var curve = new TextTable(["epoch", .. keys]);
        for (int e = 0; e < history.Epochs.Count; e++)
            curve.Add([(e + 1).ToString(CultureInfo.InvariantCulture), .. keys.Select(k => F(history[k][e]))]);
        curve.Write(output);
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}

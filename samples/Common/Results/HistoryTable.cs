using System.Globalization;
using DeepSeq.Layers;

namespace DeepSeq.Samples.Results;

/// <summary>The per-epoch table every sample prints after Fit: epoch, loss, acc, val_loss, val_acc.</summary>
public static class HistoryTable
{
    /// <summary>Writes the history's loss and accuracy, training and validation, one row per epoch (4 decimals).</summary>
    public static void Write(History history, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(history);
        var curve = new TextTable("epoch", "loss", "acc", "val_loss", "val_acc");
        for (int e = 0; e < history.Epochs.Count; e++)
            curve.Add((e + 1).ToString(CultureInfo.InvariantCulture), F(history["loss"][e]), F(history["acc"][e]),
                F(history["val_loss"][e]), F(history["val_acc"][e]));
        curve.Write(output);
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}

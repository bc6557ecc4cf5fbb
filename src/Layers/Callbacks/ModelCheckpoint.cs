using System.Globalization;
using System.Text.RegularExpressions;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>ModelCheckpoint(filepath, monitor="val_loss", save_best_only=False, mode="auto")</c> with
/// <c>save_weights_only=True</c> (the only kind of checkpoint here; Keras's default saves the whole model): saves the
/// model's weights (safetensors, atomically) after each epoch, or only when <c>monitor</c> improved, creating the
/// folder if needed. The path may name log values as Keras's does:
/// <c>weights.{epoch:02d}-{val_loss:.2f}.safetensors</c>
/// (epoch counted from 1).
/// </summary>
public sealed partial class ModelCheckpoint : MonitorCallback
{

    /// <summary>A checkpoint rule; arguments as in Keras.</summary>
    public ModelCheckpoint(
        string filePath,
        string monitor = "val_loss",
        bool saveBestOnly = false,
        string mode = "auto",
        bool allowNonFinite = false)
        : base("model checkpoint", monitor, mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        FilePath = filePath;
        SaveBestOnly = saveBestOnly;
        AllowNonFinite = allowNonFinite;
    }

    /// <summary>Whether weights holding NaN or ±∞ are saved; default <c>false</c>: <c>SaveWeights</c> refuses them
    /// and the earlier checkpoint stays as it was.</summary>
    public bool AllowNonFinite { get; }

    /// <summary>The path pattern.</summary>
    public string FilePath { get; }

    /// <summary>Save only when the monitored value improved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>The files written, in order.</summary>
    public List<string> Saved { get; } = [];

    /// <inheritdoc/>
    public override void OnTrainBegin() => ResetBest();

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (SaveBestOnly)
        {
            double current = Current(logs);
            if (!IsImprovement(current, Best)) return;
            Best = current;
        }
        string path = FormatPath(FilePath, epoch + 1, logs);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        TrainedModel.SaveWeights(path, AllowNonFinite);
        Saved.Add(path);
    }

    /// <summary>Replaces <c>{epoch}</c>, <c>{epoch:02d}</c>, <c>{key}</c>, <c>{key:.4f}</c> with their
    /// values.</summary>
    internal static string FormatPath(string pattern, int epoch, IReadOnlyDictionary<string, double> logs)
        => Placeholder().Replace(pattern, m =>
        {
            string key = m.Groups["key"].Value, spec = m.Groups["spec"].Value;
            double value = key == "epoch" ? epoch
                : logs.TryGetValue(key, out double v) ? v
                : throw new InvalidOperationException(
                    $"model checkpoint: '{{{key}}}' in '{pattern}' is not a " +
                    $"log key; available: epoch, {string.Join(", ", logs.Keys)}");
            return spec switch
            {
                "" => key == "epoch"
                    ? epoch.ToString(CultureInfo.InvariantCulture)
                    : value.ToString(CultureInfo.InvariantCulture),
                _ when spec.EndsWith('d') => Integer((long)value, spec),
                _ when spec.StartsWith('.') && spec.EndsWith('f')
                    => value.ToString("F" + spec[1..^1], CultureInfo.InvariantCulture),
                _ => throw new ArgumentException(
                    $"model checkpoint: unsupported format '{spec}' in '{pattern}' (use d, Nd, 0Nd or .Nf)"),
            };
        });

    /// <summary>
    /// Python's integer format: <c>d</c> as is, <c>03d</c> zero-padded to width 3, <c>3d</c> space-padded to width 3
    /// (as Python pads, so <c>{epoch:3d}</c> names the same file Keras would).
    /// </summary>
    private static string Integer(long value, string spec)
    {
        string digits = value.ToString(CultureInfo.InvariantCulture);
        string widthText = spec[..^1].TrimStart('0');
        if (widthText.Length == 0) return digits;
        if (!int.TryParse(widthText, NumberStyles.None, CultureInfo.InvariantCulture, out int width))
            throw new ArgumentException($"model checkpoint: unsupported format '{spec}' (use d, Nd, 0Nd or .Nf)");
        return digits.PadLeft(width, spec.StartsWith('0') ? '0' : ' ');
    }

    [GeneratedRegex(@"\{(?<key>[A-Za-z_][A-Za-z0-9_]*)(?::(?<spec>[^}]*))?\}")]
    private static partial Regex Placeholder();
}

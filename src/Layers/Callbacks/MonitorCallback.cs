namespace DeepSeq.Layers;

/// <summary>
/// A callback that watches one logged value and remembers the best seen: the common part of
/// <see cref="EarlyStopping"/> and <see cref="ModelCheckpoint"/> (Keras 3 factors them the same way, in
/// <c>MonitorCallback</c>; the "auto" mode here is Keras 2's rule, which the course's Keras uses).
/// </summary>
public abstract class MonitorCallback : Callback
{
    private readonly string _who;

    /// <summary>Watches <paramref name="monitor"/>; <paramref name="mode"/> "min", "max" or "auto" (Keras's rule: names
    /// with "acc" are maximised).</summary>
    protected MonitorCallback(string who, string monitor, string mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(monitor);
        _who = who;
        Monitor = monitor;
        Maximize = mode switch
        {
            "min" => false,
            "max" => true,
            "auto" => monitor.Contains("acc", StringComparison.Ordinal)
                || monitor.StartsWith("fmeasure", StringComparison.Ordinal),
            _ => throw new ArgumentException($"{who}: mode must be \"auto\", \"min\" or \"max\", got \"{mode}\""),
        };
    }

    /// <summary>The key watched.</summary>
    public string Monitor { get; }

    /// <summary>Whether larger values are better.</summary>
    public bool Maximize { get; }

    /// <summary>The best value so far (±∞ before the first epoch).</summary>
    protected double Best { get; set; }

    /// <summary>Forgets the best value; call it when training begins.</summary>
    protected void ResetBest() => Best = Maximize ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>Whether <paramref name="current"/> beats <paramref name="reference"/> by more than
    /// <paramref name="minDelta"/>.</summary>
    protected bool IsImprovement(double current, double reference, double minDelta = 0)
        => Maximize ? current - minDelta > reference : current + minDelta < reference;

    /// <summary>The watched value from <paramref name="logs"/>; a clear error listing the available keys
    /// otherwise.</summary>
    protected double Current(IReadOnlyDictionary<string, double> logs)
        => logs.TryGetValue(Monitor, out double value) ? value
            : throw new InvalidOperationException(
                $"{_who}: monitored value '{Monitor}' is not in the logs; available: {string.Join(", ", logs.Keys)} " +
                "(val_ keys need validation data)");
}

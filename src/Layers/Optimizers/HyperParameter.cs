namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// The argument checks every optimizer and schedule constructor shares. Each message names the owner
/// ("adam", "ExponentialDecay"), the argument and the value received, so a bad configuration is caught
/// where it is written rather than as NaN weights a thousand steps later.
/// </summary>
internal static class HyperParameter
{
    /// <summary>A finite value ≥ 0 (a learning rate, an epsilon, an accumulator's start).</summary>
    public static double NonNegative(string owner, string argument, double value) =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentException($"{owner}: {argument} must be a finite number ≥ 0, got {value}", argument);

    /// <summary>A finite value &gt; 0 (a clipping threshold, a decay period).</summary>
    public static double Positive(string owner, string argument, double value) =>
        double.IsFinite(value) && value > 0 ? value
            : throw new ArgumentException($"{owner}: {argument} must be a finite number > 0, got {value}", argument);

    /// <summary>A decay factor in [0, 1): 1 would freeze the running average (and divide by zero in Adam's bias
    /// correction).</summary>
    public static double UnitInterval(string owner, string argument, double value) =>
        value is >= 0 and < 1 ? value
            : throw new ArgumentException($"{owner}: {argument} must lie in [0, 1), got {value}", argument);

    /// <summary>A fraction in [0, 1], both ends included (SGD's momentum, CosineDecay's floor alpha).</summary>
    public static double ClosedUnitInterval(string owner, string argument, double value) =>
        value is >= 0 and <= 1 ? value
            : throw new ArgumentException($"{owner}: {argument} must lie in [0, 1], got {value}", argument);
}

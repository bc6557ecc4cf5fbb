namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// A step function: η(step) = values[0] while step ≤ boundaries[0], values[i] while
/// boundaries[i−1] &lt; step ≤ boundaries[i], and values[^1] once step &gt; boundaries[^1].
/// </summary>
/// <remarks>
/// Keras: <c>keras.optimizers.schedules.PiecewiseConstantDecay(boundaries, values)</c>; note that a boundary
/// belongs to the interval on its left (step = boundaries[0] still gets values[0]).
/// </remarks>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly double[] _values;

    /// <summary>A step function with one more value than boundaries.</summary>
    /// <param name="boundaries">strictly increasing steps where the rate changes.</param>
    /// <param name="values">the rates, each finite and ≥ 0; <c>values.Length == boundaries.Length + 1</c>.</param>
    public PiecewiseConstantDecay(IReadOnlyList<long> boundaries, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        const string Owner = nameof(PiecewiseConstantDecay);
        if (values.Count != boundaries.Count + 1)
            throw new ArgumentException(
                $"{Owner}: values must have one more element than boundaries, got " +
                $"{values.Count} values for {boundaries.Count} boundaries", nameof(values));
        for (int i = 1; i < boundaries.Count; i++)
            if (boundaries[i] <= boundaries[i - 1])
                throw new ArgumentException(
                    $"{Owner}: boundaries must be strictly increasing, but boundaries[{i - 1}] = {boundaries[i - 1]} " +
                    $"and boundaries[{i}] = {boundaries[i]}", nameof(boundaries));
        _boundaries = [.. boundaries];
        _values = [.. values.Select((v, i) => HyperParameter.NonNegative(Owner, $"values[{i}]", v))];
    }

    /// <summary>The steps where the rate changes.</summary>
    public IReadOnlyList<long> Boundaries => _boundaries;

    /// <summary>The rate on each interval.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <inheritdoc/>
    public override double At(long step)
    {
        CheckStep(nameof(PiecewiseConstantDecay), step);
        int interval = 0;
        while (interval < _boundaries.Length && step > _boundaries[interval]) interval++;
        return _values[interval];
    }
}

using System.Numerics;

namespace DeepSeq.Layers.Metrics;

/// <summary>
/// A weighted running mean, Keras's <c>keras.metrics.Mean</c>: Σ wᵢ·vᵢ / Σ wᵢ over every value since
/// <see cref="Reset"/>, 0 before the first. The training loop tracks the loss with one, each batch's mean loss weighted
/// by the batch size (Keras's loss tracker), so the epoch's loss is the mean over samples, not over batches.
/// </summary>
/// <remarks>Not a <see cref="Metric"/>: it is fed values, not targets and predictions. Totals are kept in
/// double.</remarks>
/// <param name="name">the History key, e.g. "loss" (default "mean")</param>
public sealed class Mean(string name = "mean")
{
    private double _total, _weight;

    /// <summary>The History key.</summary>
    public string Name { get; } = name;

    /// <summary>Σ wᵢ: the number of values seen, when every weight is 1.</summary>
    public double Weight => _weight;

    /// <summary>Adds <paramref name="value"/> with weight <paramref name="weight"/> (≥ 0, finite; default 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">a negative, infinite or NaN weight</exception>
    public void Update(double value, double weight = 1)
    {
        if (!(weight >= 0) || double.IsInfinity(weight))
            throw new ArgumentOutOfRangeException(nameof(weight), weight, $"{Name}: a weight must be finite and ≥ 0");
        _total += weight * value;
        _weight += weight;
    }

    /// <summary>Adds every element of <paramref name="values"/>, each with weight 1, in row-major order.</summary>
    public void Update<T>(Tensor<T> values) where T : unmanaged, INumber<T>
    {
        foreach (var v in values.ToArray()) Update(double.CreateChecked(v));
    }

    /// <summary>Σ wᵢ·vᵢ / Σ wᵢ; 0 when nothing (or only weight 0) was added, Keras's convention.</summary>
    public double Result() => _weight == 0 ? 0 : _total / _weight;

    /// <summary>Forgets every value.</summary>
    public void Reset() => (_total, _weight) = (0, 0);

    /// <inheritdoc/>
    public override string ToString() => Name;
}

using System.Numerics;

namespace DeepSeq.Layers.Metrics;

/// <summary>
/// A metric that is the mean of a per-sample value over every sample since <see cref="Metric.Reset"/>: accuracies
/// (the per-sample value is 1 for a hit, 0 for a miss) and losses used as metrics. Keras builds all of these as
/// <c>MeanMetricWrapper</c>s of a function.
/// </summary>
/// <remarks>
/// Every per-sample value counts with weight 1, so the result over several batches equals the result over their
/// concatenation (up to the rounding of a different summation order, none when the values are 0 and 1).
/// </remarks>
public abstract class SampleMeanMetric : Metric
{
    private readonly Mean _mean;

    /// <summary>Names the metric.</summary>
    protected SampleMeanMetric(string name) : base(name) => _mean = new Mean(name);

    /// <summary>The number of per-sample values seen since the last reset.</summary>
    public long Count => (long)_mean.Weight;

    /// <summary>The per-sample values of one batch (any shape; every element is one sample's value).</summary>
    protected abstract Tensor<T> PerSample<T>(Tensor<T> yTrue, Tensor<T> yPred)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <inheritdoc/>
    public override void Update<T>(Tensor<T> yTrue, Tensor<T> yPred) => _mean.Update(PerSample(yTrue, yPred));

    /// <inheritdoc/>
    public override double Result() => _mean.Result();

    /// <inheritdoc/>
    public override void Reset() => _mean.Reset();
}

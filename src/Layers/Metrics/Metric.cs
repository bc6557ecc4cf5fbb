using System.Numerics;
using DeepSeq.Layers.Losses;

namespace DeepSeq.Layers.Metrics;

/// <summary>
/// A quantity tracked over an epoch, batch by batch, as Keras's <c>keras.metrics.Metric</c>: <see cref="Update{T}"/>
/// accumulates one batch, <see cref="Result"/> reports the value over every batch since <see cref="Reset"/>.
/// </summary>
/// <remarks>
/// Metrics read plain tensors (no autograd: nothing here is differentiated) and accumulate in double, summing in a
/// fixed order, so a result does not depend on how the epoch was cut into batches beyond rounding, and repeats
/// exactly for the same batches.
/// </remarks>
public abstract class Metric
{
    /// <summary>Stores the name.</summary>
    protected Metric(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The History key: the name the user asked for, e.g. "acc" for "acc" and "accuracy" for
    /// "accuracy".</summary>
    public string Name { get; }

    /// <summary>Accumulates one batch of targets and predictions (Keras's <c>update_state</c>).</summary>
    public abstract void Update<T>(Tensor<T> yTrue, Tensor<T> yPred) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The value over everything seen since the last <see cref="Reset"/>; 0 before any update (Keras's
    /// <c>result</c>).</summary>
    public abstract double Result();

    /// <summary>Forgets everything accumulated (Keras's <c>reset_state</c>, called at the start of every
    /// epoch).</summary>
    public abstract void Reset();

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>
    /// The metric for a Keras metric string, named by that string: "accuracy"/"acc" (binary, categorical or sparse
    /// categorical, chosen from the shapes as Keras does: see <see cref="InferredAccuracy"/>), "binary_accuracy",
    /// "categorical_accuracy", "sparse_categorical_accuracy", and any loss name or alias ("mse", "mae", "mape",
    /// "binary_crossentropy", …: the mean of that loss over all samples, <see cref="MeanMetricWrapper"/>).
    /// </summary>
    /// <param name="name">the string passed to <c>compile(metrics: …)</c>, matched case-insensitively</param>
    /// <param name="loss">the model's loss: a binary crossentropy makes "accuracy" binary whatever the shapes</param>
    /// <exception cref="ArgumentException">an unknown name; the message lists the known ones</exception>
    public static Metric Get(string name, Loss? loss = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        switch (name.ToLowerInvariant())
        {
            case "accuracy" or "acc": return new InferredAccuracy(name, loss);
            case "binary_accuracy": return new BinaryAccuracy(name: name);
            case "categorical_accuracy": return new CategoricalAccuracy(name);
            case "sparse_categorical_accuracy": return new SparseCategoricalAccuracy(name);
        }
        if (Loss.TryGet(name, out var metricLoss)) return new MeanMetricWrapper(metricLoss, name);
        throw new ArgumentException(
            $"metric: unknown name \"{name}\"; known: accuracy, acc, binary_accuracy, categorical_accuracy, " +
            $"sparse_categorical_accuracy, and the loss names {string.Join(", ", Loss.Names)}", nameof(name));
    }
}

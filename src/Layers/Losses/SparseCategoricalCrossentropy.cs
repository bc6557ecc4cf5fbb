using System.Numerics;
using DeepSeq.Autograd;

namespace DeepSeq.Layers.Losses;

/// <summary>
/// Sparse categorical crossentropy, Keras's <c>sparse_categorical_crossentropy</c>: per sample −log p[id], where id is
/// the sample's class in <c>yTrue</c> and p is <c>yPred</c> rescaled to sum to 1 and clipped to [ε, 1 − ε].
/// It equals <see cref="CategoricalCrossentropy"/> on the one-hot encoding of the ids, without building it.
/// </summary>
/// <remarks>
/// <para>From logits z (<paramref name="fromLogits"/>, or a softmax's output: see <see cref="Variable{T}.Logits"/>):
/// −log_softmax(z)[id], TensorFlow's <c>sparse_softmax_cross_entropy_with_logits</c>.</para>
/// <para>Shapes: <c>yPred</c> (batch, …, classes); <c>yTrue</c> (batch, …) or (batch, …, 1), holding class ids as
/// floating-point values (Keras squeezes the trailing 1); per-sample values (batch, …). Every id must be an integer in
/// [0, classes): one that is not throws, naming the loss, the value and its position. The ids get no gradient.</para>
/// </remarks>
/// <param name="fromLogits">whether <c>yPred</c> holds logits rather than probabilities (Keras's <c>from_logits</c>,
/// default false)</param>
public sealed class SparseCategoricalCrossentropy(bool fromLogits = false) : Loss
{
    /// <summary>Whether predictions are logits (Keras's <c>from_logits</c>).</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <inheritdoc/>
    public override string Name => "sparse_categorical_crossentropy";

    /// <summary>−log p[id]: a gather of the log-probabilities along the class axis.</summary>
    public override Variable<T> PerSample<T>(Variable<T> yTrue, Variable<T> yPred)
    {
        var ids = ClassIds.Read(Name, yTrue.Data, yPred.Data);
        var logits = FromLogits ? yPred : yPred.Logits;
        var logP = logits is null ? CategoricalCrossentropy.LogOfNormalised(yPred) : logits.LogSoftmax(-1);
        return -logP.Gather(-1, ids).Squeeze(-1);
    }
}

using System.Numerics;
using DeepSeq.Autograd;

namespace DeepSeq.Layers.Losses;

/// <summary>
/// Binary crossentropy, Keras's <c>binary_crossentropy</c>: per sample, the mean over the last axis of
/// −(y·log p + (1 − y)·log(1 − p)), with p clipped to [ε, 1 − ε], ε = 10⁻⁷.
/// </summary>
/// <remarks>
/// <para>From logits z (<paramref name="fromLogits"/>, or when <c>yPred</c> is the output of a sigmoid, whose input
/// is then used: see <see cref="Variable{T}.Logits"/>) the same quantity is computed without ever forming p, as
/// TensorFlow's <c>sigmoid_cross_entropy_with_logits</c> does: max(z, 0) − z·y + log(1 + e^(−|z|)). Every exponent
/// is ≤ 0, so nothing overflows, and the gradient is σ(z) − y for any z.</para>
/// <para>Shapes: <c>yPred</c> (batch, …, d) and <c>yTrue</c> the same (or without the trailing 1 when d = 1);
/// per-sample values (batch, …).</para>
/// </remarks>
/// <param name="fromLogits">whether <c>yPred</c> holds logits rather than probabilities (Keras's <c>from_logits</c>,
/// default false)</param>
public sealed class BinaryCrossentropy(bool fromLogits = false) : Loss
{
    /// <summary>Whether predictions are logits (Keras's <c>from_logits</c>).</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <inheritdoc/>
    public override string Name => "binary_crossentropy";

    /// <summary>mean over the last axis of the elementwise crossentropy, by the logits form where logits are
    /// known.</summary>
    public override Variable<T> PerSample<T>(Variable<T> yTrue, Variable<T> yPred)
    {
        var y = TargetShapes.Match(Name, yTrue, yPred);
        var logits = FromLogits ? yPred : yPred.Logits;
        var elementwise = logits is null ? FromProbabilities(y, yPred) : FromLogitsForm(y, logits);
        return elementwise.Mean(-1);
    }

    /// <summary>Elementwise −(y·log p + (1 − y)·log(1 − p)) with p clipped to [ε, 1 − ε] (Keras's probability
    /// form).</summary>
    internal static Variable<T> FromProbabilities<T>(Variable<T> y, Variable<T> yPred)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var epsilon = T.CreateChecked(Epsilon);
        var p = yPred.Clip(epsilon, T.One - epsilon);
        return -(y * p.Log() + (T.One - y) * (T.One - p).Log());
    }

    /// <summary>Elementwise max(z, 0) − z·y + log(1 + e^(−|z|)): the crossentropy of σ(z), stable for every
    /// z.</summary>
    internal static Variable<T> FromLogitsForm<T>(Variable<T> y, Variable<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // max(z, 0) through Maximum, not Relu: at z = 0 Maximum's tie rule gives the slope ½ and Abs gives 0, so the
        // gradient there is the true σ(0) − y = ½ − y. Relu's slope 0 would make it −y (wrong for zero-initialised
        // models).
        var positivePart = z.Maximum(z.Constant(T.Zero));
        return positivePart - z * y + (T.One + (-z.Abs()).Exp()).Log();
    }
}

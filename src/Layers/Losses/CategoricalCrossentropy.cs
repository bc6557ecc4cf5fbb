using System.Numerics;
using DeepSeq.Autograd;

namespace DeepSeq.Layers.Losses;

/// <summary>
/// Categorical crossentropy, Keras's <c>categorical_crossentropy</c>: per sample −Σ_c y_c·log p_c over the last
/// (class) axis, where p is <c>yPred</c> rescaled to sum to 1 (p / Σ p) and clipped to [ε, 1 − ε], ε = 10⁻⁷.
/// </summary>
/// <remarks>
/// <para>From logits z (<paramref name="fromLogits"/>, or when <c>yPred</c> is the output of a softmax over the last
/// axis, whose input is then used: see <see cref="Variable{T}.Logits"/>): −Σ_c y_c·log_softmax(z)_c, TensorFlow's
/// <c>softmax_cross_entropy_with_logits</c>. log_softmax is computed stably, so a saturated softmax costs its true
/// value, not −log ε.</para>
/// <para>Shapes: <c>yTrue</c> and <c>yPred</c> (batch, …, classes), <c>yTrue</c> one-hot or any distribution;
/// per-sample values (batch, …). For integer labels use <see cref="SparseCategoricalCrossentropy"/>.</para>
/// </remarks>
/// <param name="fromLogits">whether <c>yPred</c> holds logits rather than probabilities (Keras's <c>from_logits</c>,
/// default false)</param>
public sealed class CategoricalCrossentropy(bool fromLogits = false) : Loss
{
    /// <summary>Whether predictions are logits (Keras's <c>from_logits</c>).</summary>
    public bool FromLogits { get; } = fromLogits;

    /// <inheritdoc/>
    public override string Name => "categorical_crossentropy";

    /// <summary>−Σ y·log p over the last axis, by log_softmax where logits are known.</summary>
    public override Variable<T> PerSample<T>(Variable<T> yTrue, Variable<T> yPred)
    {
        var y = TargetShapes.Match(Name, yTrue, yPred);
        var logits = FromLogits ? yPred : yPred.Logits;
        var logP = logits is null ? LogOfNormalised(yPred) : logits.LogSoftmax(-1);
        return -(y * logP).Sum(-1);
    }

    /// <summary>
    /// log p with p = yPred / Σ yPred over the last axis, clipped to [ε, 1 − ε]: Keras's probability form, which
    /// forgives predictions that do not quite sum to 1.
    /// </summary>
    internal static Variable<T> LogOfNormalised<T>(Variable<T> yPred) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var epsilon = T.CreateChecked(Epsilon);
        return (yPred / yPred.Sum(-1, keepDims: true)).Clip(epsilon, T.One - epsilon).Log();
    }
}

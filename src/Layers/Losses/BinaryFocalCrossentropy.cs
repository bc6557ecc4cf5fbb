using System.Numerics;
using DeepSeq.Autograd;

namespace DeepSeq.Layers.Losses;

/// <summary>
/// Binary focal crossentropy (Lin et al., 2017), Keras's <c>binary_focal_crossentropy</c>: per sample the mean over
/// the last axis of w·(1 − p_t)^γ·bce, where bce is <see cref="BinaryCrossentropy"/>'s elementwise term,
/// p_t = y·p + (1 − y)·(1 − p) the probability given to the true class, and w = y·α + (1 − y)·(1 − α) when
/// <see cref="ApplyClassBalancing"/>, else 1.
/// </summary>
/// <remarks>
/// <para>The focal factor (1 − p_t)^γ shrinks the loss of well-classified elements (p_t near 1), so training
/// concentrates on the hard ones; γ = 0 gives plain binary crossentropy.</para>
/// <para>bce uses the stable logits form when logits are known (<see cref="FromLogits"/>, or a sigmoid's output),
/// and p is then σ(z); otherwise bce clips p to [ε, 1 − ε] while p_t uses p itself, exactly as Keras. (With
/// <c>from_logits</c>, Keras applies σ and calls the probability form, which its TensorFlow backend turns back into the
/// logits form; DeepSeq does that directly.)</para>
/// </remarks>
public sealed class BinaryFocalCrossentropy : Loss
{
    /// <summary>Checks and stores the Keras arguments (same order and defaults as Keras).</summary>
    /// <param name="applyClassBalancing">weight class 1 by α and class 0 by 1 − α (Keras's
    /// <c>apply_class_balancing</c>, default false)</param>
    /// <param name="alpha">the weight of class 1 when balancing, in [0, 1] (Keras's <c>alpha</c>, default 0.25)</param>
    /// <param name="gamma">the focusing exponent γ ≥ 0 (Keras's <c>gamma</c>, default 2)</param>
    /// <param name="fromLogits">whether <c>yPred</c> holds logits rather than probabilities (Keras's
    /// <c>from_logits</c>, default false)</param>
    public BinaryFocalCrossentropy(
        bool applyClassBalancing = false,
        double alpha = 0.25,
        double gamma = 2.0,
        bool fromLogits = false)
    {
        if (!(alpha >= 0 && alpha <= 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha,
                "binary_focal_crossentropy: alpha must lie in [0, 1]");
        if (!(gamma >= 0) || double.IsInfinity(gamma))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma,
                "binary_focal_crossentropy: gamma must be finite and ≥ 0");
        (ApplyClassBalancing, Alpha, Gamma, FromLogits) = (applyClassBalancing, alpha, gamma, fromLogits);
    }

    /// <summary>Whether classes are weighted by α and 1 − α.</summary>
    public bool ApplyClassBalancing { get; }

    /// <summary>The weight of class 1 when balancing.</summary>
    public double Alpha { get; }

    /// <summary>The focusing exponent γ.</summary>
    public double Gamma { get; }

    /// <summary>Whether predictions are logits (Keras's <c>from_logits</c>).</summary>
    public bool FromLogits { get; }

    /// <inheritdoc/>
    public override string Name => "binary_focal_crossentropy";

    /// <summary>mean(w·(1 − p_t)^γ·bce, −1).</summary>
    public override Variable<T> PerSample<T>(Variable<T> yTrue, Variable<T> yPred)
    {
        var y = TargetShapes.Match(Name, yTrue, yPred);
        var logits = FromLogits ? yPred : yPred.Logits;
        var bce = logits is null
            ? BinaryCrossentropy.FromProbabilities(y, yPred)
            : BinaryCrossentropy.FromLogitsForm(y, logits);
        var p = FromLogits ? yPred.Sigmoid() : yPred;

        var pTrue = y * p + (T.One - y) * (T.One - p);
        var focal = (T.One - pTrue).Pow(T.CreateChecked(Gamma)) * bce;
        if (ApplyClassBalancing)
        {
            var alpha = T.CreateChecked(Alpha);
            focal = (y * alpha + (T.One - y) * (T.One - alpha)) * focal;
        }
        return focal.Mean(-1);
    }
}

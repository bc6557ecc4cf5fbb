using DeepSeq.Kernels;

namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// RMSprop: divide the gradient by a running root mean square of recent gradients.
/// s ← ρ·s + (1 − ρ)·g²;  Δ = η·g / √(s + ε);  w ← w − Δ.
/// Centered: also ḡ ← ρ·ḡ + (1 − ρ)·g and Δ = η·g / √(s − ḡ² + ε) (divide by an estimate of the variance).
/// With momentum μ: m ← μ·m + Δ and w ← w − m.
/// </summary>
/// <remarks>
/// Keras: <c>keras.optimizers.RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7, centered=False)</c>,
/// <c>keras/src/optimizers/rmsprop.py</c> (Hinton, 2012). Note where ε sits: inside the square root, as in
/// Keras 3 — PyTorch adds it outside. Slots: "velocity" (s), "average_gradient" (ḡ), "momentum" (m), zeros at first.
/// </remarks>
public sealed class RmsProp : Optimizer
{
    /// <summary>RMSprop with a constant learning rate.</summary>
    /// <param name="learningRate">η, finite and ≥ 0 (Keras default 0.001).</param>
    /// <param name="rho">ρ ∈ [0, 1), the decay of the running average.</param>
    /// <param name="momentum">μ ∈ [0, 1).</param>
    /// <param name="epsilon">ε ≥ 0, keeps the division finite.</param>
    /// <param name="centered">whether to subtract the squared mean gradient.</param>
    public RmsProp(
        double learningRate = 0.001,
        double rho = 0.9,
        double momentum = 0.0,
        double epsilon = 1e-7,
        bool centered = false)
        : this(ConstantRate("rmsprop", learningRate), rho, momentum, epsilon, centered) { }

    /// <summary>RMSprop whose learning rate follows <paramref name="learningRate"/>.</summary>
    public RmsProp(
        LearningRateSchedule learningRate,
        double rho = 0.9,
        double momentum = 0.0,
        double epsilon = 1e-7,
        bool centered = false)
        : base("rmsprop", learningRate)
    {
        Rho = UnitInterval(nameof(rho), rho);
        Momentum = UnitInterval(nameof(momentum), momentum);
        Epsilon = NonNegative(nameof(epsilon), epsilon);
        Centered = centered;
    }

    /// <summary>ρ.</summary>
    public double Rho { get; }
    /// <summary>μ.</summary>
    public double Momentum { get; }
    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> HyperParameters()
        => [("rho", Rho), ("momentum", Momentum), ("epsilon", Epsilon)];
    /// <summary>Whether the denominator is the running variance rather than the running second moment.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    protected override UpdateRule<T> Rule<T>(double learningRate, long step)
    {
        var rho = T.CreateChecked(Rho);
        return UpdateRule<T>.Of(UpdateKind.RmsProp) with
        {
            Rate = T.CreateChecked(learningRate), Rho = rho, OneMinusDecay1 = T.One - rho,
            Epsilon = T.CreateChecked(Epsilon), Momentum = T.CreateChecked(Momentum), UseMomentum = Momentum != 0,
            Centered = Centered,
        };
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<(string Name, double InitialValue)?> SlotNames =>
        [("velocity", 0), ("average_gradient", 0), ("momentum", 0)];
}

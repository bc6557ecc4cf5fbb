using DeepSeq.Kernels;

namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// Adam: a step along the running mean of the gradient, divided by the running root mean square.
/// With t = step + 1:
/// α = η·√(1 − β₂ᵗ) / (1 − β₁ᵗ);  m ← m + (g − m)(1 − β₁);  v ← v + (g² − v)(1 − β₂);
/// w ← w − α·m / (√v + ε). AMSGrad divides by √v̂ instead, v̂ ← max(v̂, v).
/// </summary>
/// <remarks>
/// Keras: <c>keras.optimizers.Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7, amsgrad=False)</c>,
/// <c>keras/src/optimizers/adam.py</c>. The bias correction is folded into α (Kingma &amp; Ba, 2015, the form just
/// before §2.1), so ε is "ε̂" of the paper: it is added to √v, not to the bias-corrected √v̂.
/// Slots: "momentum" (m), "velocity" (v), "velocity_hat" (v̂, AMSGrad only), zeros at first.
/// </remarks>
public sealed class Adam : Optimizer
{
    /// <summary>Adam with a constant learning rate.</summary>
    /// <param name="learningRate">η, finite and ≥ 0 (Keras default 0.001).</param>
    /// <param name="beta1">β₁ ∈ [0, 1), the decay of the mean.</param>
    /// <param name="beta2">β₂ ∈ [0, 1), the decay of the second moment.</param>
    /// <param name="epsilon">ε ≥ 0.</param>
    /// <param name="amsgrad">whether to divide by the largest second moment seen (Reddi et al., 2018).</param>
    public Adam(
        double learningRate = 0.001,
        double beta1 = 0.9,
        double beta2 = 0.999,
        double epsilon = 1e-7,
        bool amsgrad = false)
        : this(ConstantRate("adam", learningRate), beta1, beta2, epsilon, amsgrad) { }

    /// <summary>Adam whose learning rate follows <paramref name="learningRate"/>.</summary>
    public Adam(
        LearningRateSchedule learningRate,
        double beta1 = 0.9,
        double beta2 = 0.999,
        double epsilon = 1e-7,
        bool amsgrad = false)
        : base("adam", learningRate)
    {
        Beta1 = UnitInterval(nameof(beta1), beta1);
        Beta2 = UnitInterval(nameof(beta2), beta2);
        Epsilon = NonNegative(nameof(epsilon), epsilon);
        Amsgrad = amsgrad;
    }

    /// <summary>β₁.</summary>
    public double Beta1 { get; }
    /// <summary>β₂.</summary>
    public double Beta2 { get; }
    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> HyperParameters()
        => [("beta1", Beta1), ("beta2", Beta2), ("epsilon", Epsilon)];
    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool Amsgrad { get; }

    /// <inheritdoc/>
    protected override UpdateRule<T> Rule<T>(double learningRate, long step)
    {
        long t = step + 1;
        double alpha = learningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t));
        return UpdateRule<T>.Of(UpdateKind.Adam) with
        {
            Rate = T.CreateChecked(alpha), OneMinusDecay1 = T.CreateChecked(1 - Beta1),
            OneMinusDecay2 = T.CreateChecked(1 - Beta2), Epsilon = T.CreateChecked(Epsilon), Amsgrad = Amsgrad,
        };
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<(string Name, double InitialValue)?> SlotNames =>
        [("momentum", 0), ("velocity", 0), ("velocity_hat", 0)];
}

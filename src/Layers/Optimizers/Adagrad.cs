using DeepSeq.Kernels;

namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// Adagrad: each weight's step shrinks with the sum of its squared gradients so far.
/// a ← a + g²;  w ← w − η·g / √(a + ε), with a starting at the initial accumulator value.
/// </summary>
/// <remarks>
/// Keras: <c>keras.optimizers.Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7)</c>,
/// <c>keras/src/optimizers/adagrad.py</c> (Duchi et al., 2011); ε inside the square root, as there.
/// Slot: "accumulator" (a).
/// </remarks>
public sealed class Adagrad : Optimizer
{
    /// <summary>Adagrad with a constant learning rate.</summary>
    /// <param name="learningRate">η, finite and ≥ 0 (Keras default 0.001).</param>
    /// <param name="initialAccumulatorValue">a₀ ≥ 0, the accumulator's starting value.</param>
    /// <param name="epsilon">ε ≥ 0.</param>
    public Adagrad(double learningRate = 0.001, double initialAccumulatorValue = 0.1, double epsilon = 1e-7)
        : this(ConstantRate("adagrad", learningRate), initialAccumulatorValue, epsilon) { }

    /// <summary>Adagrad whose learning rate follows <paramref name="learningRate"/>.</summary>
    public Adagrad(LearningRateSchedule learningRate, double initialAccumulatorValue = 0.1, double epsilon = 1e-7)
        : base("adagrad", learningRate)
    {
        InitialAccumulatorValue = NonNegative(nameof(initialAccumulatorValue), initialAccumulatorValue);
        Epsilon = NonNegative(nameof(epsilon), epsilon);
    }

    /// <summary>a₀.</summary>
    public double InitialAccumulatorValue { get; }
    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> HyperParameters()
        => [("initialAccumulatorValue", InitialAccumulatorValue), ("epsilon", Epsilon)];

    /// <inheritdoc/>
    protected override UpdateRule<T> Rule<T>(double learningRate, long step) =>
        UpdateRule<T>.Of(UpdateKind.Adagrad) with
        {
            Rate = T.CreateChecked(learningRate), Epsilon = T.CreateChecked(Epsilon),
        };

    /// <inheritdoc/>
    protected override IReadOnlyList<(string Name, double InitialValue)?> SlotNames =>
        [("accumulator", InitialAccumulatorValue), null, null];
}

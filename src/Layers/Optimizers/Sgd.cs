using DeepSeq.Kernels;

namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// Stochastic gradient descent, optionally with momentum:
/// without momentum w ← w − η·g; with momentum μ, v ← μ·v − η·g then w ← w + v,
/// or with Nesterov momentum w ← w + μ·v − η·g (the new v, looked at one step ahead).
/// </summary>
/// <remarks>
/// Keras: <c>keras.optimizers.SGD(learning_rate=0.01, momentum=0.0, nesterov=False)</c>,
/// <c>keras/src/optimizers/sgd.py</c>; v is the slot "momentum", zeros at first.
/// </remarks>
public sealed class Sgd : Optimizer
{
    /// <summary>SGD with a constant learning rate.</summary>
    /// <param name="learningRate">η, finite and ≥ 0 (Keras default 0.01).</param>
    /// <param name="momentum">μ ∈ [0, 1] (Keras checks the same range).</param>
    /// <param name="nesterov">whether to use Nesterov momentum.</param>
    public Sgd(double learningRate = 0.01, double momentum = 0.0, bool nesterov = false)
        : this(ConstantRate("sgd", learningRate), momentum, nesterov) { }

    /// <summary>SGD whose learning rate follows <paramref name="learningRate"/>.</summary>
    public Sgd(LearningRateSchedule learningRate, double momentum = 0.0, bool nesterov = false)
        : base("sgd", learningRate)
    {
        Momentum = ClosedUnitInterval(nameof(momentum), momentum);
        Nesterov = nesterov;
    }

    /// <summary>μ.</summary>
    public double Momentum { get; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, double Value)> HyperParameters() => [("momentum", Momentum)];

    /// <summary>Whether the step uses Nesterov momentum.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override UpdateRule<T> Rule<T>(double learningRate, long step) => UpdateRule<T>.Of(UpdateKind.Sgd) with
    {
        Rate = T.CreateChecked(learningRate), Momentum = T.CreateChecked(Momentum), UseMomentum = Momentum != 0,
        Nesterov = Nesterov,
    };

    /// <inheritdoc/>
    protected override IReadOnlyList<(string Name, double InitialValue)?> SlotNames => [("momentum", 0), null, null];
}

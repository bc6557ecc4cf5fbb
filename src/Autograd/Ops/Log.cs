namespace DeepSeq.Autograd.Ops;

/// <summary>y = ln x elementwise. ∂y/∂x = 1/x.</summary>
/// <remarks>
/// At x = 0 the forward gives −∞ and the backward dy/0 = ±∞ (IEEE 754, as PyTorch); for x &lt; 0 both are
/// NaN. Neither is clamped: a loss that takes the log of a probability should add an epsilon or use
/// <see cref="LogSoftmax{T}"/>, and an infinity that shows up says so.
/// </remarks>
public sealed class Log<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;

    private Log(Variable<T> x) : base(x) => _x = x.Data;

    /// <inheritdoc/>
    public override string Name => "log";

    /// <summary>Forward: y = ln x.</summary>
    public static Variable<T> Apply(Variable<T> x) => new Log<T>(x).Output(x.Data.Log());

    /// <summary>Backward: dx = dy / x.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy / _x!];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _x = null;
}

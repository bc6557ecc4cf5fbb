namespace DeepSeq.Autograd.Ops;

/// <summary>y = |x| elementwise. ∂y/∂x = sign(x).</summary>
/// <remarks>
/// At the kink x = 0 any slope in [−1, 1] is a subgradient; DeepSeq takes |x|'(0) = sign(0) = 0, as
/// PyTorch does (the subgradient of smallest norm, the one that keeps an L1 penalty at rest at 0).
/// </remarks>
public sealed class Abs<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;

    private Abs(Variable<T> x) : base(x) => _x = x.Data;

    /// <inheritdoc/>
    public override string Name => "abs";

    /// <summary>Forward: y = |x|.</summary>
    public static Variable<T> Apply(Variable<T> x) => new Abs<T>(x).Output(x.Data.Abs());

    /// <summary>Backward: dx = dy · sign(x) (0 at x = 0).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy * _x!.Sign()];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _x = null;
}

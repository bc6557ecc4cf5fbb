namespace DeepSeq.Autograd.Ops;

/// <summary>y = min(max(x, low), high) elementwise, for constant
/// bounds. ∂y/∂x = 1 where low ≤ x ≤ high, else 0.</summary>
/// <remarks>
/// At the boundaries x = low and x = high the slope jumps from 1 to 0; DeepSeq passes the gradient there
/// (the closed interval), as PyTorch's <c>clamp</c> does: a value that sits exactly on a bound can still be
/// pulled back inside. That is why this is its own op and not the composite
/// <c>Minimum(Maximum(x, low), high)</c>, which would pass only ½ at a bound.
/// </remarks>
public sealed class Clip<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x;
    private readonly T _low, _high;

    private Clip(Variable<T> x, T low, T high) : base(x) => (_x, _low, _high) = (x.Data, low, high);

    /// <inheritdoc/>
    public override string Name => "clip";

    /// <summary>Forward: y = min(max(x, low), high); low must not exceed high.</summary>
    public static Variable<T> Apply(Variable<T> x, T low, T high)
        => new Clip<T>(x, low, high).Output(x.Data.Clip(low, high));

    /// <summary>Backward: dx = dy · [low ≤ x ≤ high].</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy)
    {
        var x = _x!;
        var inside = x.GreaterEqual(x.Scalar(_low)) * x.LessEqual(x.Scalar(_high));
        return [dy * inside];
    }

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _x = null;
}

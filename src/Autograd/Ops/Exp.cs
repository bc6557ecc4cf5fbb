namespace DeepSeq.Autograd.Ops;

/// <summary>y = eˣ elementwise. ∂y/∂x = eˣ = y.</summary>
public sealed class Exp<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _y;   // the derivative is the output itself: save it rather than recompute eˣ

    private Exp(Variable<T> x) : base(x) { }

    /// <inheritdoc/>
    public override string Name => "exp";

    /// <summary>Forward: y = eˣ.</summary>
    public static Variable<T> Apply(Variable<T> x)
    {
        var op = new Exp<T>(x);
        op._y = x.Data.Exp();
        return op.Output(op._y);
    }

    /// <summary>Backward: dx = dy · y.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy * _y!];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _y = null;
}

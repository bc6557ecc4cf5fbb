namespace DeepSeq.Autograd.Ops;

/// <summary>y = √x elementwise. ∂y/∂x = 1 / (2√x) = 1 / (2y).</summary>
/// <remarks>
/// At x = 0 the slope is vertical: the backward gives dy / 0 = +∞ for dy &gt; 0 (IEEE 754, as PyTorch). The
/// norm of a vector that can be zero is therefore usually written √(x + ε).
/// </remarks>
public sealed class Sqrt<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _y;   // the derivative needs √x, which forward already computed

    private Sqrt(Variable<T> x) : base(x) { }

    /// <inheritdoc/>
    public override string Name => "sqrt";

    /// <summary>Forward: y = √x.</summary>
    public static Variable<T> Apply(Variable<T> x)
    {
        var op = new Sqrt<T>(x);
        op._y = x.Data.Sqrt();
        return op.Output(op._y);
    }

    /// <summary>Backward: dx = dy / (2y).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy / (_y! * T.CreateChecked(2))];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _y = null;
}

namespace DeepSeq.Autograd.Ops;

/// <summary>y = tanh x elementwise. ∂y/∂x = 1 − tanh² x = 1 − y².</summary>
/// <remarks>
/// Not composed from exp: the tensor core has a fused tanh kernel that is accurate for large |x| (where
/// (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) overflows to ∞/∞), and the derivative needs only the saved output.
/// </remarks>
public sealed class Tanh<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _y;

    private Tanh(Variable<T> x) : base(x) { }

    /// <inheritdoc/>
    public override string Name => "tanh";

    /// <summary>Forward: y = tanh x.</summary>
    public static Variable<T> Apply(Variable<T> x)
    {
        var op = new Tanh<T>(x);
        op._y = x.Data.Tanh();
        return op.Output(op._y);
    }

    /// <summary>Backward: dx = dy · (1 − y²).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy * (T.One - _y! * _y!)];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _y = null;
}

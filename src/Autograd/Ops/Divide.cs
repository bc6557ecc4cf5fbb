namespace DeepSeq.Autograd.Ops;

/// <summary>z = a / b elementwise (broadcasting). ∂z/∂a = 1/b, ∂z/∂b = −a/b² = −z/b.</summary>
public sealed class Divide<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _b, _z;

    private Divide(Variable<T> a, Variable<T> b) : base(a, b) => _b = b.Data;

    /// <inheritdoc/>
    public override string Name => "divide";

    /// <summary>Forward: z = a / b (IEEE: x/0 = ±∞).</summary>
    public static Variable<T> Apply(Variable<T> a, Variable<T> b)
    {
        var op = new Divide<T>(a, b);
        op._z = a.Data / b.Data;
        return op.Output(op._z);
    }

    /// <summary>Backward: da = dz / b, db = −dz · z / b.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dz) =>
    [
        Needs(0) ? Broadcasting.SumTo(dz / _b!, Inputs[0].Shape) : null,
        Needs(1) ? Broadcasting.SumTo(-(dz * _z! / _b!), Inputs[1].Shape) : null,
    ];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => (_b, _z) = (null, null);
}

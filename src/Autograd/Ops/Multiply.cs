namespace DeepSeq.Autograd.Ops;

/// <summary>z = a · b elementwise (broadcasting). ∂z/∂a = b, ∂z/∂b = a.</summary>
public sealed class Multiply<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _a, _b;   // saved for backward: each operand's gradient needs the other

    private Multiply(Variable<T> a, Variable<T> b) : base(a, b) => (_a, _b) = (a.Data, b.Data);

    /// <inheritdoc/>
    public override string Name => "multiply";

    /// <summary>Forward: z = a · b.</summary>
    public static Variable<T> Apply(Variable<T> a, Variable<T> b) => new Multiply<T>(a, b).Output(a.Data * b.Data);

    /// <summary>Backward: da = dz · b, db = dz · a (each summed to its operand's shape).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dz) =>
    [
        Needs(0) ? Broadcasting.SumTo(dz * _b!, Inputs[0].Shape) : null,
        Needs(1) ? Broadcasting.SumTo(dz * _a!, Inputs[1].Shape) : null,
    ];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => (_a, _b) = (null, null);
}

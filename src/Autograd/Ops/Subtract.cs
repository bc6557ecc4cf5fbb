namespace DeepSeq.Autograd.Ops;

/// <summary>z = a − b (broadcasting). ∂z/∂a = 1, ∂z/∂b = −1.</summary>
public sealed class Subtract<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Subtract(Variable<T> a, Variable<T> b) : base(a, b) { }

    /// <inheritdoc/>
    public override string Name => "subtract";

    /// <summary>Forward: z = a − b.</summary>
    public static Variable<T> Apply(Variable<T> a, Variable<T> b) => new Subtract<T>(a, b).Output(a.Data - b.Data);

    /// <summary>Backward: da = dz, db = −dz (each summed to its operand's shape).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dz) =>
    [
        Needs(0) ? Broadcasting.SumTo(dz, Inputs[0].Shape) : null,
        Needs(1) ? Broadcasting.SumTo(-dz, Inputs[1].Shape) : null,
    ];
}

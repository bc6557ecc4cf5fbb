namespace DeepSeq.Autograd.Ops;

/// <summary>z = a + b (broadcasting). ∂z/∂a = 1, ∂z/∂b = 1, each summed back to its operand's shape.</summary>
public sealed class Add<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Add(Variable<T> a, Variable<T> b) : base(a, b) { }

    /// <inheritdoc/>
    public override string Name => "add";

    /// <summary>Forward: z = a + b.</summary>
    public static Variable<T> Apply(Variable<T> a, Variable<T> b) => new Add<T>(a, b).Output(a.Data + b.Data);

    /// <summary>Backward: da = dz, db = dz (summed over the dimensions each was broadcast along).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dz) =>
    [
        Needs(0) ? Broadcasting.SumTo(dz, Inputs[0].Shape) : null,
        Needs(1) ? Broadcasting.SumTo(dz, Inputs[1].Shape) : null,
    ];
}

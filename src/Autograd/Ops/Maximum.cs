namespace DeepSeq.Autograd.Ops;

/// <summary>z = max(a, b) elementwise (broadcasting). ∂z/∂a =
/// [a &gt; b], ∂z/∂b = [b &gt; a]; at a tie ½ each.</summary>
/// <remarks>
/// At a tie a = b the function has a kink and either operand could claim the gradient; DeepSeq splits it
/// ½/½, as PyTorch's <c>torch.maximum</c> does. The split is symmetric (swapping a and b swaps the
/// gradients) and is the average of the two one-sided slopes. <see cref="Relu{T}"/> and <see cref="Clip{T}"/>
/// have their own rules at their kinks and are not built on this op.
/// </remarks>
public sealed class Maximum<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _a, _b;

    private Maximum(Variable<T> a, Variable<T> b) : base(a, b) => (_a, _b) = (a.Data, b.Data);

    /// <inheritdoc/>
    public override string Name => "maximum";

    /// <summary>Forward: z = max(a, b) (NaN if either is NaN).</summary>
    public static Variable<T> Apply(Variable<T> a, Variable<T> b)
        => new Maximum<T>(a, b).Output(a.Data.Maximum(b.Data));

    /// <summary>Backward: da = dz · ([a &gt; b] + ½[a = b]), db = dz · ([b
    /// &gt; a] + ½[a = b]), each summed to its operand's shape.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dz)
    {
        var (a, b) = (_a!, _b!);
        var tie = a.Equal(b) * T.CreateChecked(0.5);
        return
        [
            Needs(0) ? Broadcasting.SumTo(dz * (a.Greater(b) + tie), Inputs[0].Shape) : null,
            Needs(1) ? Broadcasting.SumTo(dz * (b.Greater(a) + tie), Inputs[1].Shape) : null,
        ];
    }

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => (_a, _b) = (null, null);
}

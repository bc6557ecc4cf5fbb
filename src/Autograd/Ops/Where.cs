namespace DeepSeq.Autograd.Ops;

/// <summary>z = c ≠ 0 ? a : b elementwise, all three broadcast together. ∂z/∂a = [c ≠ 0], ∂z/∂b = [c = 0].</summary>
/// <remarks>
/// The condition c is a constant mask tensor (from a comparison, say), not an input: it is not differentiable
/// and gets no gradient. Each element of the output copies one element of a or of b, so the gradient goes to
/// whichever was chosen and the other gets 0 there.
/// </remarks>
public sealed class Where<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _condition;

    private Where(Tensor<T> condition, Variable<T> a, Variable<T> b) : base(a, b) => _condition = condition;

    /// <inheritdoc/>
    public override string Name => "where";

    /// <summary>Forward: z = c ≠ 0 ? a : b.</summary>
    public static Variable<T> Apply(Tensor<T> condition, Variable<T> a, Variable<T> b) =>
        new Where<T>(condition, a, b).Output(Tensor.Where(condition, a.Data, b.Data));

    /// <summary>Backward: da = c ≠ 0 ? dz : 0, db = c ≠ 0 ? 0 : dz, each summed to its operand's shape.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dz)
    {
        var zero = dz.Scalar(T.Zero);
        return
        [
            Needs(0) ? Broadcasting.SumTo(Tensor.Where(_condition!, dz, zero), Inputs[0].Shape) : null,
            Needs(1) ? Broadcasting.SumTo(Tensor.Where(_condition!, zero, dz), Inputs[1].Shape) : null,
        ];
    }

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _condition = null;
}

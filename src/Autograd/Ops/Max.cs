namespace DeepSeq.Autograd.Ops;

/// <summary>y = max x over the given axes (null = all). ∂y/∂xᵢ = 1/k
/// for each of the k maximal elements, 0 for the rest.</summary>
/// <remarks>
/// Where several elements share the maximum (a tie) no single derivative exists; DeepSeq splits the
/// gradient equally among them, as PyTorch's <c>amax</c> and full <c>max()</c> do. Equal shares make the rule
/// independent of the order of the elements (giving it all to the first maximum would not be), and keep
/// Σᵢ ∂y/∂xᵢ = 1: moving every element by ε moves the max by ε. A group holding a NaN has a NaN maximum,
/// equal to nothing, so its whole gradient is NaN (0/0): NaN is passed on, never hidden.
/// <see cref="Min{T}"/> is built on this op.
/// </remarks>
public sealed class Max<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _x, _y;
    private readonly int[]? _axes;
    private readonly bool _keepDims;

    private Max(Variable<T> x, int[]? axes, bool keepDims) : base(x)
        => (_x, _axes, _keepDims) = (x.Data, axes, keepDims);

    /// <inheritdoc/>
    public override string Name => "max";

    /// <summary>Forward: y = max x (NaN if any element is NaN).</summary>
    public static Variable<T> Apply(Variable<T> x, int[]? axes, bool keepDims)
    {
        var op = new Max<T>(x, axes, keepDims);
        op._y = x.Data.Max(axes, keepDims);
        return op.Output(op._y);
    }

    /// <summary>Backward: dx = [x = y] · dy / k, with k the number of maximal elements in each reduced group.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy)
    {
        var shape = Inputs[0].Shape;
        var isMax = _x!.Equal(Sum<T>.Keep(_y!, shape, _axes, _keepDims));   // 1 at every maximal element, ties included
        var ties = isMax.Sum(_axes, keepDims: true);                        // k ≥ 1 per group
        return [isMax * (Sum<T>.Keep(dy, shape, _axes, _keepDims) / ties)];
    }

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => (_x, _y) = (null, null);
}

namespace DeepSeq.Autograd.Ops;

/// <summary>y = Σ x over the given axes (null = all), with or without keepDims. ∂y/∂xᵢ = 1.</summary>
public sealed class Sum<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[]? _axes;
    private readonly bool _keepDims;

    private Sum(Variable<T> x, int[]? axes, bool keepDims) : base(x) => (_axes, _keepDims) = (axes, keepDims);

    /// <inheritdoc/>
    public override string Name => "sum";

    /// <summary>Forward: y = Σ x.</summary>
    public static Variable<T> Apply(Variable<T> x, int[]? axes, bool keepDims) =>
        new Sum<T>(x, axes, keepDims).Output(x.Data.Sum(axes, keepDims));

    /// <summary>Backward: every summed element contributed once, so
    /// dx = dy repeated (broadcast) over the summed axes.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy)
    {
        var shape = Inputs[0].Shape;
        return [Keep(dy, shape, _axes, _keepDims).BroadcastTo(shape).Contiguous()];
    }

    /// <summary>
    /// dy with the reduced axes put back as size-1 dimensions (a no-op when the forward kept them), ready
    /// to broadcast against the input. Shared by every reduction's backward.
    /// </summary>
    internal static Tensor<T> Keep(Tensor<T> dy, Shape inputShape, int[]? axes, bool keepDims)
    {
        if (keepDims) return dy;
        var reduced = axes is null ? Enumerable.Range(0, inputShape.Rank).ToArray()
            : axes.Select(a => a < 0 ? a + inputShape.Rank : a).ToArray();
        var dims = Enumerable.Range(0, inputShape.Rank)
            .Select(d => reduced.Contains(d) ? 1 : inputShape.Dims[d])
            .ToArray();
        return dy.Reshape(dims);
    }
}

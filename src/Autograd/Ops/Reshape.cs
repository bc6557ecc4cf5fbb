namespace DeepSeq.Autograd.Ops;

/// <summary>
/// y = x with a new shape, the elements in the same row-major order. ∂yᵢ/∂xᵢ = 1 (element i of y is element i of x).
/// </summary>
/// <remarks>
/// The one node behind Reshape, Flatten, Squeeze and Unsqueeze: each of them only renames the positions of
/// the same row-major sequence of elements, so each is a reshape to the shape it computes, and its gradient
/// is dy read back in x's shape.
/// </remarks>
public sealed class Reshape<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Reshape(Variable<T> x) : base(x) { }

    /// <inheritdoc/>
    public override string Name => "reshape";

    /// <summary>Forward: y = x.Reshape(shape) (one dimension may
    /// be −1; a view when x is contiguous, else a copy).</summary>
    public static Variable<T> Apply(Variable<T> x, params int[] shape)
        => new Reshape<T>(x).Output(x.Data.Reshape(shape));

    /// <summary>Backward: dx = dy reshaped to x's shape.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy.Reshape(Inputs[0].Shape.ToArray())];
}

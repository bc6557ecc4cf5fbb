namespace DeepSeq.Autograd.Ops;

/// <summary>
/// y[…, j, …] = x[…, index[…, j, …], …] along one axis (PyTorch <c>gather</c>). ∂y[…, j, …]/∂x[…, k, …] = 1 where
/// index[…, j, …] = k, else 0: each element of x receives the gradient of every element of y read from it.
/// </summary>
/// <remarks>
/// Backward is the adjoint of gather, <c>ScatterAdd</c>: dy added into zeros at the positions the index names.
/// An index that repeats a position makes two elements of y read the same element of x, so their gradients
/// must add, which ScatterAdd does (an overwrite would keep only one). The index is an integer tensor and
/// gets no gradient.
/// </remarks>
public sealed class Gather<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _axis;   // normalised: 0 … rank−1
    private Tensor<int>? _index;

    private Gather(Variable<T> x, int axis, Tensor<int> index) : base(x) => (_axis, _index) = (axis, index);

    /// <inheritdoc/>
    public override string Name => "gather";

    /// <summary>Forward: y = x.Gather(axis, index) (index has x's
    /// rank; its other dimensions broadcast against x's).</summary>
    public static Variable<T> Apply(Variable<T> x, int axis, Tensor<int> index)
    {
        var y = x.Data.Gather(axis, index);   // checks the axis, the index's shape and its range
        return new Gather<T>(x, Shape.NormalizeAxis("gather", axis, x.Data.Rank), index).Output(y);
    }

    /// <summary>Backward: dx = zeros.ScatterAdd(axis, index, dy),
    /// summed back to x's shape where x was broadcast.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy)
    {
        // Where x had size 1 against a larger index, gather read it at every position of y's dimension: scatter into
        // zeros of y's shape (with x's own length along the axis), then sum those dimensions back, as any broadcast.
        var xShape = Inputs[0].Shape;
        var dims = dy.Shape.ToArray();
        dims[_axis] = xShape.Dims[_axis];
        var dx = Tensor.Zeros<T>(new Shape(dims), dy.Device).ScatterAdd(_axis, _index!, dy);
        return [Broadcasting.SumTo(dx, xShape)];
    }

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _index = null;
}

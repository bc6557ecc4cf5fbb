namespace DeepSeq.Autograd.Ops;

/// <summary>
/// y = x[start:stop:step] along one axis, with Python's slice rules. ∂y/∂x is 1 from each element of the
/// slice to the element of x it was read from, 0 for every element the slice skipped.
/// </summary>
/// <remarks>
/// The one node behind Slice, Narrow, Flip and Split. Backward writes dy into the same slice of a tensor of
/// zeros (<c>SliceScatter</c>): a negative step reads x backwards, and writing through the same view puts each
/// gradient back where its element came from. No two slice elements share a source, so nothing has to add.
/// </remarks>
public sealed class Slice<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _axis, _step;
    private readonly int? _start, _stop;

    private Slice(Variable<T> x, int axis, int? start, int? stop, int step) : base(x) =>
        (_axis, _start, _stop, _step) = (axis, start, stop, step);

    /// <inheritdoc/>
    public override string Name => "slice";

    /// <summary>Forward: y = x.Slice(axis, start, stop, step) (a view, no copy).</summary>
    public static Variable<T> Apply(Variable<T> x, int axis, int? start = null, int? stop = null, int step = 1) =>
        new Slice<T>(x, axis, start, stop, step).Output(x.Data.Slice(axis, start, stop, step));

    /// <summary>Backward: dx = zeros(x.shape) with dy written into the slice.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) =>
        [Tensor.Zeros<T>(Inputs[0].Shape, dy.Device).SliceScatter(dy, _axis, _start, _stop, _step)];
}

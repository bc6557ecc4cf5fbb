namespace DeepSeq.Autograd.Ops;

/// <summary>
/// y = the slices of x at positions index[0], index[1], … along one axis (PyTorch <c>index_select</c>); index is 1-d.
/// Slice j of y is slice index[j] of x, so slice k of dx is the sum of the slices of dy whose index is k.
/// </summary>
/// <remarks>
/// Take (embedding lookup, <c>weights.Take(tokens, 0)</c>) is this node on the flattened tokens followed by a
/// reshape. Backward is <c>IndexAdd</c>, the adjoint of index_select: a token that occurs twice in a batch adds
/// both of its rows of dy into its row of the weights' gradient.
/// </remarks>
public sealed class IndexSelect<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _axis;
    private Tensor<int>? _index;

    private IndexSelect(Variable<T> x, int axis, Tensor<int> index) : base(x) =>
        (_axis, _index) = (Shape.NormalizeAxis("index_select", axis, x.Shape.Rank), index);

    /// <inheritdoc/>
    public override string Name => "index_select";

    /// <summary>Forward: y = x.IndexSelect(axis, index).</summary>
    public static Variable<T> Apply(Variable<T> x, int axis, Tensor<int> index) =>
        new IndexSelect<T>(x, axis, index).Output(x.Data.IndexSelect(axis, index));

    /// <summary>Backward: dx = zeros(x.shape).IndexAdd(axis, index, dy).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) =>
        [Tensor.Zeros<T>(Inputs[0].Shape, dy.Device).IndexAdd(_axis, _index!, dy)];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _index = null;
}

namespace DeepSeq.Autograd.Ops;

/// <summary>y = the maximum of each pooling window of a channels-last x (<see cref="Pooling"/>).</summary>
/// <remarks>
/// The maximum of a window is one of its elements, so its derivative is 1 for that element and 0 for the rest:
/// backward routes each window's dy to its arg-max, the first maximum in row-major window order when several are
/// equal (TensorFlow's rule; <see cref="Max{T}"/>, a reduction, splits ties instead). Overlapping windows add.
/// </remarks>
public sealed class MaxPool2D<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly (int H, int W) _pool;
    private readonly WindowSpec _spec;
    private Tensor<T>? _x;

    private MaxPool2D(Variable<T> x, (int H, int W) pool, WindowSpec spec) : base(x) =>
        (_x, _pool, _spec) = (x.Data, pool, spec);

    /// <inheritdoc/>
    public override string Name => "max_pool2d";

    /// <summary>Forward: y = the maximum of each window.</summary>
    public static Variable<T> Apply(Variable<T> x, (int H, int W) pool, WindowSpec spec) =>
        new MaxPool2D<T>(x, pool, spec).Output(x.Data.MaxPool2D(pool, spec));

    /// <summary>Backward: dx = each window's dy at its arg-max in x, zeros elsewhere.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [Pooling.MaxPool2DBackward(dy, _x!, _pool, _spec)];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _x = null;
}

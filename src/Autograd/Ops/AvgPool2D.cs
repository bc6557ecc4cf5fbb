namespace DeepSeq.Autograd.Ops;

/// <summary>y = the mean of each pooling window of a channels-last x (<see cref="Pooling"/>).</summary>
/// <remarks>
/// y = Σ x / n over the n window positions inside x, so ∂y/∂x = 1/n for each of them: backward spreads each
/// window's dy / n over its positions, overlapping windows adding. Nothing of x is needed, only its shape.
/// </remarks>
public sealed class AvgPool2D<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly (int H, int W) _pool;
    private readonly WindowSpec _spec;

    private AvgPool2D(Variable<T> x, (int H, int W) pool, WindowSpec spec) : base(x) => (_pool, _spec) = (pool, spec);

    /// <inheritdoc/>
    public override string Name => "avg_pool2d";

    /// <summary>Forward: y = the mean of each window.</summary>
    public static Variable<T> Apply(Variable<T> x, (int H, int W) pool, WindowSpec spec) =>
        new AvgPool2D<T>(x, pool, spec).Output(x.Data.AvgPool2D(pool, spec));

    /// <summary>Backward: dx = dy / n spread over each window.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) =>
        [Pooling.AvgPool2DBackward(dy, Inputs[0].Shape, _pool, _spec)];
}

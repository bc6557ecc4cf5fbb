namespace DeepSeq.Autograd.Ops;

/// <summary>
/// y = x repeated along its size-1 (and missing leading) dimensions up to <c>shape</c>. Each element of x is
/// read once for every position it is repeated to, so ∂L/∂x is the sum of dy over those positions.
/// </summary>
public sealed class BroadcastTo<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private BroadcastTo(Variable<T> x) : base(x) { }

    /// <inheritdoc/>
    public override string Name => "broadcast_to";

    /// <summary>Forward: y = x.BroadcastTo(shape) (a view with stride 0 along the repeated dimensions).</summary>
    public static Variable<T> Apply(Variable<T> x, Shape shape)
        => new BroadcastTo<T>(x).Output(x.Data.BroadcastTo(shape));

    /// <summary>Backward: dx = dy summed back to x's shape (the same rule every broadcasting binary op uses).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [Broadcasting.SumTo(dy, Inputs[0].Shape)];
}

namespace DeepSeq.Autograd.Ops;

/// <summary>
/// log softmax(x)ᵢ = (xᵢ − m) − ln Σⱼ e^(xⱼ − m) along an axis, m = maxⱼ xⱼ. ∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ, so
/// dx = dy − e^y · Σⱼ dyⱼ.
/// </summary>
/// <remarks>
/// Not ln(softmax(x)), which is −∞ where softmax underflows to 0 (and whose gradient is then NaN); the tensor
/// core's <c>LogSoftmax</c> (src/Tensor/Ops/SoftmaxFunctions.cs), which this forward calls, stays finite. A fused
/// primitive like <see cref="Softmax{T}"/>: one node keeping only y, tested equal to the composite.
/// </remarks>
public sealed class LogSoftmax<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _axis;
    private Tensor<T>? _y;

    private LogSoftmax(Variable<T> x, int axis) : base(x) => _axis = axis;

    /// <summary>The operation's name in graphs and errors.</summary>
    public override string Name => "log_softmax";

    /// <summary>Forward: y = log softmax(x) along <paramref name="axis"/>.</summary>
    public static Variable<T> Apply(Variable<T> x, int axis)
    {
        var yData = x.Data.LogSoftmax(axis);   // checks the axis
        var op = new LogSoftmax<T>(x, Shape.NormalizeAxis("log_softmax", axis, x.Shape.Rank)) { _y = yData };
        return op.Output(yData);
    }

    /// <summary>Backward: dx = dy − softmax(x) · Σ dy, with softmax(x) = e^y.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy - _y!.Exp() * dy.Sum(_axis, keepDims: true)];

    /// <summary>Frees the saved output.</summary>
    protected internal override void ReleaseSaved() => _y = null;
}

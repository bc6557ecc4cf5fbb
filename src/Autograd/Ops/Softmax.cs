namespace DeepSeq.Autograd.Ops;

/// <summary>
/// softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m) along an axis, m = maxⱼ xⱼ. ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ), so
/// dx = y · (dy − Σⱼ dyⱼ·yⱼ).
/// </summary>
/// <remarks>
/// <para>One implementation: the forward is the tensor core's <c>Softmax</c> (src/Tensor/Ops/SoftmaxFunctions.cs:
/// the max shift and the empty-axis check live there only). A fused primitive rather than a composite of
/// exp, sum and divide: one node that keeps only y, where the composite records five nodes and keeps e and Σe;
/// its gradient is tested equal to the composite's and checked against finite differences.</para>
/// <para>The output carries its input as <see cref="Variable{T}.Logits"/> when the axis is the last one, the
/// case Keras's crossentropies recognise.</para>
/// </remarks>
public sealed class Softmax<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _axis;
    private Tensor<T>? _y;

    private Softmax(Variable<T> x, int axis) : base(x) => _axis = axis;

    /// <summary>The operation's name in graphs and errors.</summary>
    public override string Name => "softmax";

    /// <summary>Forward: y = softmax(x) along <paramref name="axis"/>.</summary>
    public static Variable<T> Apply(Variable<T> x, int axis)
    {
        var yData = x.Data.Softmax(axis);   // checks the axis
        int a = Shape.NormalizeAxis("softmax", axis, x.Shape.Rank);
        var op = new Softmax<T>(x, a) { _y = yData };
        var y = op.Output(yData);
        if (a == x.Shape.Rank - 1) y.Logits = x;
        return y;
    }

    /// <summary>Backward: dx = y · (dy − Σ dy·y), the sum along the axis.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [_y! * (dy - (dy * _y!).Sum(_axis, keepDims: true))];

    /// <summary>Frees the saved output.</summary>
    protected internal override void ReleaseSaved() => _y = null;
}

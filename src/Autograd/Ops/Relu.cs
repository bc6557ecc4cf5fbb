namespace DeepSeq.Autograd.Ops;

/// <summary>y = max(x, 0) elementwise. ∂y/∂x = 1 where x &gt; 0, 0 where x &lt; 0.</summary>
/// <remarks>
/// At the kink x = 0 any slope in [0, 1] is a subgradient; DeepSeq takes relu'(0) = 0, as PyTorch and
/// TensorFlow do (a unit that outputs exactly 0 passes no gradient). Not a composite of
/// <see cref="Maximum{T}"/> with 0, which would split the gradient ½/½ at the tie.
/// </remarks>
public sealed class Relu<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _y;   // y > 0 exactly where x > 0, so the output serves as the mask

    private Relu(Variable<T> x) : base(x) { }

    /// <inheritdoc/>
    public override string Name => "relu";

    /// <summary>Forward: y = max(x, 0).</summary>
    public static Variable<T> Apply(Variable<T> x)
    {
        var op = new Relu<T>(x);
        op._y = x.Data.Relu();
        return op.Output(op._y);
    }

    /// <summary>Backward: dx = dy · [y &gt; 0] (0 at x = 0).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy * _y!.Greater(dy.Scalar(T.Zero))];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _y = null;
}

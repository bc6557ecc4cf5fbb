namespace DeepSeq.Autograd.Ops;

/// <summary>y = σ(x) = 1 / (1 + e⁻ˣ) elementwise. ∂y/∂x = σ(x)·(1 − σ(x)) = y·(1 − y).</summary>
/// <remarks>
/// Not a composite of exp, add and divide (which would be correct but record four nodes and keep four
/// tensors): the tensor core has a fused sigmoid kernel, and the derivative needs only the saved output.
/// </remarks>
public sealed class Sigmoid<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _y;

    private Sigmoid(Variable<T> x) : base(x) { }

    /// <inheritdoc/>
    public override string Name => "sigmoid";

    /// <summary>Forward: y = σ(x).</summary>
    public static Variable<T> Apply(Variable<T> x)
    {
        var op = new Sigmoid<T>(x);
        op._y = x.Data.Sigmoid();
        var y = op.Output(op._y);
        y.Logits = x;   // Keras's _keras_logits: see Variable.Logits
        return y;
    }

    /// <summary>Backward: dx = dy · y · (1 − y).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy * _y! * (T.One - _y!)];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _y = null;
}

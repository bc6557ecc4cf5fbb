namespace DeepSeq.Autograd.Ops;

/// <summary>y = −x. ∂y/∂x = −1.</summary>
public sealed class Negate<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Negate(Variable<T> x) : base(x) { }

    /// <inheritdoc/>
    public override string Name => "negate";

    /// <summary>Forward: y = −x.</summary>
    public static Variable<T> Apply(Variable<T> x) => new Negate<T>(x).Output(-x.Data);

    /// <summary>Backward: dx = −dy.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [-dy];
}

namespace DeepSeq.Autograd.Ops;

/// <summary>y = erf x = (2/√π) ∫₀ˣ e^(−t²) dt elementwise. ∂y/∂x = (2/√π) e^(−x²).</summary>
/// <remarks>
/// A primitive: erf has no closed form in the other ops (the tensor core evaluates it with a series and a continued
/// fraction, src/Kernels/Formulas/UnaryFormulas.cs). GELU is a composite of it (src/Layers/Core/Activations.cs).
/// </remarks>
public sealed class Erf<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T TwoOverSqrtPi = T.CreateChecked(1.1283791670955125739);
    private Tensor<T>? _x;

    private Erf(Variable<T> x) : base(x) => _x = x.Data;

    /// <inheritdoc/>
    public override string Name => "erf";

    /// <summary>Forward: y = erf x.</summary>
    public static Variable<T> Apply(Variable<T> x) => new Erf<T>(x).Output(x.Data.Erf());

    /// <summary>Backward: dx = dy · (2/√π) e^(−x²).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy * (-(_x! * _x!)).Exp() * TwoOverSqrtPi];

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => _x = null;
}

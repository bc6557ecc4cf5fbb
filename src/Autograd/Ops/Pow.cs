namespace DeepSeq.Autograd.Ops;

/// <summary>z = aᵇ elementwise (broadcasting). ∂z/∂a = b·aᵇ⁻¹, ∂z/∂b = aᵇ·ln a.</summary>
/// <remarks>
/// <para>Conventions where the formulas break down, both PyTorch's:</para>
/// <list type="bullet">
/// <item>∂z/∂a = 0 where b = 0: a⁰ = 1 does not depend on a, but
/// the formula would give 0·0⁻¹ = 0·∞ = NaN at a = 0.</item>
/// <item>∂z/∂b = 0 where a = 0 and b ≥ 0: 0ᵇ is 0 for every b &gt; 0, but the formula would give 0·ln 0 = 0·(−∞) = NaN.
/// For a &lt; 0, ln a is NaN and so is ∂z/∂b: a real power of a negative base is defined only at integers,
/// and has no derivative in b.</item>
/// </list>
/// <para>Elsewhere IEEE 754 speaks: at a = 0 with 0 &lt; b &lt; 1, ∂z/∂a = b·0⁻⁽¹⁻ᵇ⁾ = +∞ (√ at 0).</para>
/// <para>A constant exponent (<c>x.Pow(2.0)</c>) is a 0-d constant b, so the ln a term is never
/// computed and a negative base with an integer power differentiates as it should.</para>
/// </remarks>
public sealed class Pow<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _a, _b, _z;

    private Pow(Variable<T> a, Variable<T> b) : base(a, b) => (_a, _b) = (a.Data, b.Data);

    /// <inheritdoc/>
    public override string Name => "pow";

    /// <summary>Forward: z = aᵇ.</summary>
    public static Variable<T> Apply(Variable<T> a, Variable<T> b)
    {
        var op = new Pow<T>(a, b);
        op._z = a.Data.Pow(b.Data);
        return op.Output(op._z);
    }

    /// <summary>Forward with a constant exponent p: z = aᵖ (p gets no gradient).</summary>
    public static Variable<T> Apply(Variable<T> a, T exponent) => Apply(a, a.Constant(exponent));

    /// <summary>Backward: da = dz · b·aᵇ⁻¹ (0 where b = 0), db = dz · z·ln a (0 where a = 0 and b ≥ 0).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dz)
    {
        var (a, b, z) = (_a!, _b!, _z!);
        var zero = dz.Scalar(T.Zero);
        Tensor<T>? da = null, db = null;
        if (Needs(0))
        {
            // b·aᵇ⁻¹ rather than b·z/a: the quotient is 0/0 at a = 0 even where the derivative exists (b ≥ 1).
            var slope = b * a.Pow(b - T.One);
            da = Broadcasting.SumTo(dz * Tensor.Where(b.Equal(zero), zero, slope), Inputs[0].Shape);
        }
        if (Needs(1))
        {
            var slope = z * a.Log();
            var flat = a.Equal(zero) * b.GreaterEqual(zero);   // 0ᵇ = 0 around every b > 0
            db = Broadcasting.SumTo(dz * Tensor.Where(flat, zero, slope), Inputs[1].Shape);
        }
        return [da, db];
    }

    /// <inheritdoc/>
    protected internal override void ReleaseSaved() => (_a, _b, _z) = (null, null, null);
}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepSeq.Kernels.Formulas;

/// <summary>
/// Vector exp and log for a generic element type. The <c>typeof</c> tests are constants to the JIT,
/// so each instantiation compiles to a single call.
/// </summary>
/// <remarks>
/// Log and the double exp are the runtime's (<c>Vector512.Log</c>: within 2 ulp, log 1 = 0 exactly;
/// the double exp gives e⁰ = 1 exactly).
/// The float exp is DeepSeq's own, <see cref="ExpSingle(Vector256{float})"/>, because the runtime's
/// gives e⁰ = 1 + 2⁻²³: then softmax's largest term is not 1 and a perfect prediction has a
/// cross-entropy of 1.2·10⁻⁷ instead of 0.
/// </remarks>
internal static class SimdMath
{
    public static Vector512<T> Exp<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            var v = x.AsSingle();
            return Vector512.Create(ExpSingle(v.GetLower()), ExpSingle(v.GetUpper())).As<float, T>();
        }
        if (typeof(T) == typeof(double)) return Vector512.Exp(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"exp: no vector form for {typeof(T).Name}");
    }

    public static Vector256<T> Exp<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(float)) return ExpSingle(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.Exp(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"exp: no vector form for {typeof(T).Name}");
    }

    public static Vector512<T> Tanh<T>(Vector512<T> x)
    {
        if (typeof(T) != typeof(float)) throw new NotSupportedException($"tanh: no vector form for {typeof(T).Name}");
        var v = x.AsSingle();
        return Vector512.Create(TanhSingle(v.GetLower()), TanhSingle(v.GetUpper())).As<float, T>();
    }

    public static Vector256<T> Tanh<T>(Vector256<T> x)
    {
        if (typeof(T) != typeof(float)) throw new NotSupportedException($"tanh: no vector form for {typeof(T).Name}");
        return TanhSingle(x.AsSingle()).As<float, T>();
    }

    public static Vector512<T> Log<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector512.Log(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.Log(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"log: no vector form for {typeof(T).Name}");
    }

    public static Vector256<T> Log<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(float)) return Vector256.Log(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector256.Log(x.AsDouble()).As<double, T>();
        throw new NotSupportedException($"log: no vector form for {typeof(T).Name}");
    }

    // ln(largest float), and ln(2⁻¹⁵⁰), half the smallest subnormal: beyond them eˣ rounds to +∞ or 0.
    private const float MaxLog = 88.72283905206835f;
    private const float MinLog = -103.97207708f;
    // ln 2 = Ln2Hi + Ln2Lo (Cody–Waite): Ln2Hi has 9 significant bits, so n·Ln2Hi is exact for |n| ≤ 2¹⁵.
    private const float Ln2Hi = 0.693359375f;
    private const float Ln2Lo = -2.12194440e-4f;
    // Adding 1.5·2²³ rounds a float of magnitude < 2²² to an integer, held in the low mantissa bits.
    private const float RoundingShifter = 12582912f;

    /// <summary>
    /// eˣ for 8 floats, within 1 ulp of the correctly rounded value (measured over [−105, 95], subnormal
    /// results included: tests/…/Kernels/Formulas/SimdMathTests), with e⁰ = 1 exactly.
    /// </summary>
    /// <remarks>
    /// eˣ = 2ⁿ · eʳ with n = round(x / ln 2) and r = x − n·ln 2 ∈ [−ln2/2, ln2/2]. eʳ is its Taylor series
    /// to r⁷/7!: the first term left out, (ln2/2)⁸/8! &lt; 6·10⁻⁹, is under half an ulp, and at r = 0 every
    /// term but the 1 vanishes. 2ⁿ is applied as two factors 2^⌊n/2⌋ · 2^(n−⌊n/2⌋) so that neither leaves
    /// the normal range when the result is near overflow or subnormal.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpSingle(Vector256<float> x)
    {
        var shifter = Vector256.Create(RoundingShifter);
        var t = Vector256.FusedMultiplyAdd(x, Vector256.Create(1.44269504088896341f), shifter);
        var n = t - shifter;                                          // round(x / ln 2) as a float
        var exponent = t.AsInt32() - shifter.AsInt32();               // the same n as an integer
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Hi), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Lo), r);

        var p = Vector256.Create(1f / 5040);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 720));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);

        var half = exponent >> 1;
        var scaleA = ((half + Vector256.Create(127)) << 23).AsSingle();
        var scaleB = ((exponent - half + Vector256.Create(127)) << 23).AsSingle();
        var y = p * scaleA * scaleB;

        y = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(MaxLog)),
            Vector256.Create(float.PositiveInfinity), y);
        y = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(MinLog)), Vector256<float>.Zero, y);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), y, x);   // NaN in, NaN out
    }

    /// <summary>tanh x for 8 floats, within 2 ulp of the correctly rounded value (TanhTests).</summary>
    /// <remarks>
    /// Two formulas, each where it is accurate. For |x| &lt; ½ the odd Taylor series
    /// tanh x = x − x³/3 + 2x⁵/15 − 17x⁷/315 + … to x¹⁵ (the first term left out is below 10⁻⁸ of the result):
    /// the usual 1 − 2/(e²ˣ + 1) would cancel catastrophically there (tanh 10⁻⁴ would keep three digits).
    /// For |x| ≥ ½, tanh|x| = 1 − 2/(e^(2|x|) + 1), whose cancellation costs at most a bit, with the sign put
    /// back; e^(2|x|) = ∞ for large |x| gives exactly 1.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TanhSingle(Vector256<float> x)
    {
        var x2 = x * x;
        var q = Vector256.Create(-929569f / 638512875f);
        q = Vector256.FusedMultiplyAdd(q, x2, Vector256.Create(21844f / 6081075f));
        q = Vector256.FusedMultiplyAdd(q, x2, Vector256.Create(-1382f / 155925f));
        q = Vector256.FusedMultiplyAdd(q, x2, Vector256.Create(62f / 2835f));
        q = Vector256.FusedMultiplyAdd(q, x2, Vector256.Create(-17f / 315f));
        q = Vector256.FusedMultiplyAdd(q, x2, Vector256.Create(2f / 15f));
        q = Vector256.FusedMultiplyAdd(q, x2, Vector256.Create(-1f / 3f));
        var series = Vector256.FusedMultiplyAdd(x * x2, q, x);                 // x + x³·q(x²)

        var ax = Vector256.Abs(x);
        var far = Vector256<float>.One - Vector256.Create(2f) / (ExpSingle(ax + ax) + Vector256<float>.One);
        far = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), -far, far);
        return Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(0.5f)), series,
            far);   // NaN takes `far`: NaN
    }
}

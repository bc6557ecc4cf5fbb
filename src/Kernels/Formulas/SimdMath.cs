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
        if (typeof(T) == typeof(float)) return ExpSingle(x.AsSingle()).As<float, T>();
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
        return TanhSingle(x.AsSingle()).As<float, T>();
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
    public static Vector256<float> ExpSingle(Vector256<float> x) => Exp<Vector256<float>, Lanes256>(x);

    /// <summary><see cref="ExpSingle(Vector256{float})"/> for 16 floats: the same operations lane by lane, so the
    /// same results. With AVX-512 in hardware one 512-bit pass instead of two 256-bit ones (B7's LSTM gate pass:
    /// 150 → 66 ns a row of 32 units); without it, the two halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpSingle(Vector512<float> x) => Vector512.IsHardwareAccelerated
        ? Exp<Vector512<float>, Lanes512>(x)
        : Vector512.Create(ExpSingle(x.GetLower()), ExpSingle(x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Exp<TV, L>(TV x) where L : struct, ILanes<TV>
    {
        var shifter = L.Splat(RoundingShifter);
        var t = L.Fma(x, L.Splat(1.44269504088896341f), shifter);
        var n = L.Sub(t, shifter);                                    // round(x / ln 2) as a float
        var r = L.Fma(n, L.Splat(-Ln2Hi), x);
        r = L.Fma(n, L.Splat(-Ln2Lo), r);

        var p = L.Splat(1f / 5040);
        p = L.Fma(p, r, L.Splat(1f / 720));
        p = L.Fma(p, r, L.Splat(1f / 120));
        p = L.Fma(p, r, L.Splat(1f / 24));
        p = L.Fma(p, r, L.Splat(1f / 6));
        p = L.Fma(p, r, L.Splat(0.5f));
        p = L.Fma(p, r, L.Splat(1f));
        p = L.Fma(p, r, L.Splat(1f));

        var y = L.TimesPowerOfTwo(p, t, shifter);
        y = L.Select(L.GreaterThan(x, L.Splat(MaxLog)), L.Splat(float.PositiveInfinity), y);
        y = L.Select(L.LessThan(x, L.Splat(MinLog)), L.Splat(0f), y);
        return L.Select(L.IsNumber(x), y, x);   // NaN in, NaN out
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
    public static Vector256<float> TanhSingle(Vector256<float> x) => Tanh<Vector256<float>, Lanes256>(x);

    /// <summary><see cref="TanhSingle(Vector256{float})"/> for 16 floats, as <see cref="ExpSingle(Vector512{float})"/>
    /// is to exp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> TanhSingle(Vector512<float> x) => Vector512.IsHardwareAccelerated
        ? Tanh<Vector512<float>, Lanes512>(x)
        : Vector512.Create(TanhSingle(x.GetLower()), TanhSingle(x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TV Tanh<TV, L>(TV x) where L : struct, ILanes<TV>
    {
        var x2 = L.Mul(x, x);
        var q = L.Splat(-929569f / 638512875f);
        q = L.Fma(q, x2, L.Splat(21844f / 6081075f));
        q = L.Fma(q, x2, L.Splat(-1382f / 155925f));
        q = L.Fma(q, x2, L.Splat(62f / 2835f));
        q = L.Fma(q, x2, L.Splat(-17f / 315f));
        q = L.Fma(q, x2, L.Splat(2f / 15f));
        q = L.Fma(q, x2, L.Splat(-1f / 3f));
        var series = L.Fma(L.Mul(x, x2), q, x);                      // x + x³·q(x²)

        var ax = L.Abs(x);
        var one = L.Splat(1f);
        var far = L.Sub(one, L.Div(L.Splat(2f), L.Add(Exp<TV, L>(L.Add(ax, ax)), one)));
        far = L.Select(L.LessThan(x, L.Splat(0f)), L.Negate(far), far);
        return L.Select(L.LessThan(ax, L.Splat(0.5f)), series, far);   // NaN takes `far`: NaN
    }

    /// <summary>
    /// The lane operations Exp and Tanh are written in, for one vector width: a struct of static methods, so that
    /// each width compiles to its own straight-line code with every call inlined.
    /// </summary>
    private interface ILanes<TV>
    {
        static abstract TV Splat(float v);
        static abstract TV Add(TV a, TV b);
        static abstract TV Sub(TV a, TV b);
        static abstract TV Mul(TV a, TV b);
        static abstract TV Div(TV a, TV b);
        static abstract TV Negate(TV a);
        static abstract TV Abs(TV a);
        static abstract TV Fma(TV a, TV b, TV c);
        static abstract TV LessThan(TV a, TV b);
        static abstract TV GreaterThan(TV a, TV b);
        static abstract TV IsNumber(TV a);
        static abstract TV Select(TV mask, TV a, TV b);

        /// <summary>p·2ⁿ for the n that t − shifter holds in its low mantissa bits, applied as 2^⌊n/2⌋ · 2^(n−⌊n/2⌋)
        /// so that neither factor leaves the normal range near overflow or in the subnormals.</summary>
        static abstract TV TimesPowerOfTwo(TV p, TV t, TV shifter);
    }

    private readonly struct Lanes256 : ILanes<Vector256<float>>
    {
        public static Vector256<float> Splat(float v) => Vector256.Create(v);
        public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
        public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;
        public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
        public static Vector256<float> Div(Vector256<float> a, Vector256<float> b) => a / b;
        public static Vector256<float> Negate(Vector256<float> a) => -a;
        public static Vector256<float> Abs(Vector256<float> a) => Vector256.Abs(a);
        public static Vector256<float> Fma(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
            Vector256.FusedMultiplyAdd(a, b, c);
        public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
        public static Vector256<float> GreaterThan(Vector256<float> a, Vector256<float> b) =>
            Vector256.GreaterThan(a, b);
        public static Vector256<float> IsNumber(Vector256<float> a) => Vector256.Equals(a, a);
        public static Vector256<float> Select(Vector256<float> mask, Vector256<float> a, Vector256<float> b) =>
            Vector256.ConditionalSelect(mask, a, b);
        public static Vector256<float> TimesPowerOfTwo(Vector256<float> p, Vector256<float> t,
            Vector256<float> shifter)
        {
            var exponent = t.AsInt32() - shifter.AsInt32();
            var half = exponent >> 1;
            return p * ((half + Vector256.Create(127)) << 23).AsSingle()
                     * ((exponent - half + Vector256.Create(127)) << 23).AsSingle();
        }
    }

    private readonly struct Lanes512 : ILanes<Vector512<float>>
    {
        public static Vector512<float> Splat(float v) => Vector512.Create(v);
        public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
        public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;
        public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
        public static Vector512<float> Div(Vector512<float> a, Vector512<float> b) => a / b;
        public static Vector512<float> Negate(Vector512<float> a) => -a;
        public static Vector512<float> Abs(Vector512<float> a) => Vector512.Abs(a);
        public static Vector512<float> Fma(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
            Vector512.FusedMultiplyAdd(a, b, c);
        public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
        public static Vector512<float> GreaterThan(Vector512<float> a, Vector512<float> b) =>
            Vector512.GreaterThan(a, b);
        public static Vector512<float> IsNumber(Vector512<float> a) => Vector512.Equals(a, a);
        public static Vector512<float> Select(Vector512<float> mask, Vector512<float> a, Vector512<float> b) =>
            Vector512.ConditionalSelect(mask, a, b);
        public static Vector512<float> TimesPowerOfTwo(Vector512<float> p, Vector512<float> t,
            Vector512<float> shifter)
        {
            var exponent = t.AsInt32() - shifter.AsInt32();
            var half = exponent >> 1;
            return p * ((half + Vector512.Create(127)) << 23).AsSingle()
                     * ((exponent - half + Vector512.Create(127)) << 23).AsSingle();
        }
    }
}

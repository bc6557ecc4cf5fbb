// Each struct's summary is its formula; its members are the contract's, documented in FormulaContracts.cs.
#pragma warning disable CS1591

using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepSeq.Kernels.Formulas;

// One struct per elementwise function. Each opens with its formula.
// Ops without vector overloads (tanh, casts) run the scalar loop on the CPU.

/// <summary>y = x (the copy behind <c>Contiguous()</c> and every materialised view).</summary>
public readonly struct IdentityOp<T> : IUnaryOp<T, T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x) => x;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x) => x;
    public static Vector256<T> Apply(Vector256<T> x) => x;
}

/// <summary>y = −x</summary>
public readonly struct NegateOp<T> : IUnaryOp<T, T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x) => -x;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x) => -x;
    public static Vector256<T> Apply(Vector256<T> x) => -x;
}

/// <summary>y = |x|. For integers |MinValue| wraps to MinValue (NumPy's answer; <c>T.Abs</c> would throw,
/// and an exception inside a GPU kernel cannot be caught).</summary>
public readonly struct AbsOp<T> : IUnaryOp<T, T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x) => x < T.Zero ? -x : x;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x) => Vector512.Abs(x);
    public static Vector256<T> Apply(Vector256<T> x) => Vector256.Abs(x);
}

/// <summary>y = sign(x) ∈ {−1, 0, 1}; sign(NaN) = NaN, sign(±0) = ±0.</summary>
/// <remarks>Written with comparisons, not <c>T.Sign</c>: converting its int result back to T is a generic
/// conversion that ILGPU cannot compile. NaN fails both comparisons and falls through unchanged.</remarks>
public readonly struct SignOp<T> : IUnaryOp<T, T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : x;
}

/// <summary>y = max(x, 0). relu(NaN) = NaN, as in NumPy's maximum.</summary>
public readonly struct ReluOp<T> : IUnaryOp<T, T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x) => T.Max(x, T.Zero);
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x) => Vector512.Max(x, Vector512<T>.Zero);
    public static Vector256<T> Apply(Vector256<T> x) => Vector256.Max(x, Vector256<T>.Zero);
}

/// <summary>
/// y = clip(0.2·x + 0.5, 0, 1): Keras 2's and TF2's hard sigmoid (the recurrent activation of Keras 2's LSTM and
/// GRU). Keras 3 changed it to relu6(x + 3) / 6; DeepSeq keeps the form the book's models were trained with.
/// </summary>
public readonly struct HardSigmoidOp<T> : IUnaryOp<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T Slope = T.CreateChecked(0.2), Half = T.CreateChecked(0.5);
    public static T Apply(T x) => T.Clamp(Slope * x + Half, T.Zero, T.One);
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x) =>
        Vector512.Min(Vector512.Max(x * Slope + Vector512.Create(Half), Vector512<T>.Zero), Vector512<T>.One);
    public static Vector256<T> Apply(Vector256<T> x) =>
        Vector256.Min(Vector256.Max(x * Slope + Vector256.Create(Half), Vector256<T>.Zero), Vector256<T>.One);
}

/// <summary>y = eˣ</summary>
public readonly struct ExpOp<T> : IUnaryOp<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Exp(x);
    public static bool IsVectorized => true;
    public static bool VectorMatchesScalar => false;
    public static Vector512<T> Apply(Vector512<T> x) => SimdMath.Exp(x);
    public static Vector256<T> Apply(Vector256<T> x) => SimdMath.Exp(x);
}

/// <summary>y = ln x  (ln 0 = −∞, ln of a negative number = NaN, as IEEE 754 says)</summary>
public readonly struct LogOp<T> : IUnaryOp<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Log(x);
    public static bool IsVectorized => true;
    public static bool VectorMatchesScalar => false;
    public static Vector512<T> Apply(Vector512<T> x) => SimdMath.Log(x);
    public static Vector256<T> Apply(Vector256<T> x) => SimdMath.Log(x);
}

/// <summary>y = √x</summary>
public readonly struct SqrtOp<T> : IUnaryOp<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Sqrt(x);
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x) => Vector512.Sqrt(x);
    public static Vector256<T> Apply(Vector256<T> x) => Vector256.Sqrt(x);
}

/// <summary>
/// y = tanh x. float on the CPU: DeepSeq's vector tanh (SimdMath.TanhSingle); double and the GPU: the runtime's.
/// </summary>
public readonly struct TanhOp<T> : IUnaryOp<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.Tanh(x);
    public static bool IsVectorized => typeof(T) == typeof(float);
    public static bool VectorMatchesScalar => false;
    public static Vector512<T> Apply(Vector512<T> x) => SimdMath.Tanh(x);
    public static Vector256<T> Apply(Vector256<T> x) => SimdMath.Tanh(x);
}

/// <summary>
/// y = σ(x) = 1 / (1 + e⁻ˣ). For x → −∞, e⁻ˣ overflows to +∞ and y → 0 exactly, with no NaN,
/// so this form needs no branch on the sign of x.
/// </summary>
public readonly struct SigmoidOp<T> : IUnaryOp<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x) => T.One / (T.One + T.Exp(-x));
    public static bool IsVectorized => true;
    public static bool VectorMatchesScalar => false;
    public static Vector512<T> Apply(Vector512<T> x) => Vector512<T>.One / (Vector512<T>.One + SimdMath.Exp(-x));
    public static Vector256<T> Apply(Vector256<T> x) => Vector256<T>.One / (Vector256<T>.One + SimdMath.Exp(-x));
}

/// <summary>
/// y = erf x = (2/√π) ∫₀ˣ e^(−t²) dt, to about 1e-15 in float64. |x| &lt; 2.5: the series
/// erf x = (2/√π) e^(−x²) Σₙ (2x²)ⁿ x / (1·3·…·(2n+1)), whose terms are all positive (no cancellation) and summed
/// until one no longer changes the sum; 2.5 ≤ |x| &lt; 6: 1 − erfc x, with erfc x = e^(−x²)/√π / (x + ½/(x + 1/(x +
/// (3/2)/(x + …)))) (Laplace's continued fraction) evaluated from depth 60 up; beyond, ±1 (erfc 6 ≈ 2e-17).
/// </summary>
/// <remarks>.NET has no erf. The two regimes are the textbook pair (Numerical Recipes §6.2): the series converges
/// fast for small x, the continued fraction for large x. Only arithmetic and exp, so ILGPU compiles it too.</remarks>
public readonly struct ErfOp<T> : IUnaryOp<T, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly T TwoOverSqrtPi = T.CreateChecked(1.1283791670955125739),
        OneOverSqrtPi = T.CreateChecked(0.56418958354775628695), SeriesEnd = T.CreateChecked(2.5),
        Saturated = T.CreateChecked(6), Two = T.CreateChecked(2), Half = T.CreateChecked(0.5),
        FractionDepth = T.CreateChecked(60);

    public static T Apply(T x)
    {
        T a = x < T.Zero ? -x : x, a2 = a * a, y;
        if (!(a < Saturated)) y = T.IsNaN(a) ? a : T.One;
        else if (a < SeriesEnd)
        {
            T term = a, sum = a, odd = T.One;
            while (true)
            {
                odd += Two;
                term *= Two * a2 / odd;
                T next = sum + term;
                if (next == sum) break;
                sum = next;
            }
            y = TwoOverSqrtPi * T.Exp(-a2) * sum;
        }
        else
        {
            T fraction = a;
            // k counts down in T itself: ILGPU cannot compile an int → T conversion inside a kernel.
            for (T k = FractionDepth; k > T.Zero; k -= T.One) fraction = a + Half * k / fraction;
            y = T.One - OneOverSqrtPi * T.Exp(-a2) / fraction;
        }
        return x < T.Zero ? -y : y;
    }
}

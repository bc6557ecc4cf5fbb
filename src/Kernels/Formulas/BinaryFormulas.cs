// Each struct's summary is its formula; its members are the contract's, documented in FormulaContracts.cs.
#pragma warning disable CS1591

using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepSeq.Kernels.Formulas;

/// <summary>z = x + y</summary>
public readonly struct AddOp<T> : IReduceOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => x + y;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => x + y;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => x + y;
}

/// <summary>z = x − y</summary>
public readonly struct SubtractOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => x - y;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => x - y;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => x - y;
}

/// <summary>z = x · y</summary>
public readonly struct MultiplyOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => x * y;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => x * y;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => x * y;
}

/// <summary>
/// z = x / y. Floats: IEEE division (x/0 = ±∞, 0/0 = NaN), exact per lane, so the vector form is used.
/// Integers: truncating division; MinValue / −1 wraps to MinValue as in NumPy (C# would throw, and a GPU
/// thread cannot); a zero divisor is refused by the tensor op before any kernel runs.
/// </summary>
public readonly struct DivideOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => y == -T.One ? -x : x / y;
    public static bool IsVectorized => typeof(T) == typeof(float) || typeof(T) == typeof(double);
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => x / y;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => x / y;
}

/// <summary>z = xʸ (NaN for a negative base and a non-integer exponent, as C's pow).</summary>
public readonly struct PowerOp<T> : IBinaryOp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static T Apply(T x, T y) => T.Pow(x, y);
}

/// <summary>z = max(x, y); NaN if either is NaN (NumPy's <c>maximum</c>, not <c>fmax</c>).</summary>
public readonly struct MaximumOp<T> : IReduceOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => T.Max(x, y);
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => Vector512.Max(x, y);
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => Vector256.Max(x, y);
}

/// <summary>z = min(x, y); NaN if either is NaN (NumPy's <c>minimum</c>).</summary>
public readonly struct MinimumOp<T> : IReduceOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => T.Min(x, y);
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => Vector512.Min(x, y);
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => Vector256.Min(x, y);
}

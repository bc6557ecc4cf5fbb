// Each struct's summary is its formula; its members are the contract's, documented in FormulaContracts.cs.
#pragma warning disable CS1591

using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepSeq.Kernels.Formulas;

// Comparisons return 1 where the relation holds and 0 elsewhere, in the operands' own type
// (Keras's `K.cast(K.greater(x, y), floatx())`): a mask that multiplies straight into the
// next op. Any comparison with NaN is false, except "not equal", which is true (IEEE 754).
// The vector forms turn the all-ones lane mask into 1 by AND-ing it with the bits of 1.

/// <summary>z = 1 if x = y else 0</summary>
public readonly struct EqualOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => x == y ? T.One : T.Zero;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => Vector512.Equals(x, y) & Vector512<T>.One;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => Vector256.Equals(x, y) & Vector256<T>.One;
}

/// <summary>z = 1 if x ≠ y else 0</summary>
public readonly struct NotEqualOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => x != y ? T.One : T.Zero;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => ~Vector512.Equals(x, y) & Vector512<T>.One;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => ~Vector256.Equals(x, y) & Vector256<T>.One;
}

/// <summary>z = 1 if x &lt; y else 0</summary>
public readonly struct LessOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => x < y ? T.One : T.Zero;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => Vector512.LessThan(x, y) & Vector512<T>.One;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => Vector256.LessThan(x, y) & Vector256<T>.One;
}

/// <summary>z = 1 if x ≤ y else 0</summary>
public readonly struct LessOrEqualOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => x <= y ? T.One : T.Zero;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y)
        => Vector512.LessThanOrEqual(x, y) & Vector512<T>.One;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y)
        => Vector256.LessThanOrEqual(x, y) & Vector256<T>.One;
}

/// <summary>z = 1 if x &gt; y else 0</summary>
public readonly struct GreaterOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => x > y ? T.One : T.Zero;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => Vector512.GreaterThan(x, y) & Vector512<T>.One;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => Vector256.GreaterThan(x, y) & Vector256<T>.One;
}

/// <summary>z = 1 if x ≥ y else 0</summary>
public readonly struct GreaterOrEqualOp<T> : IBinaryOp<T> where T : unmanaged, INumber<T>
{
    public static T Apply(T x, T y) => x >= y ? T.One : T.Zero;
    public static bool IsVectorized => true;
    public static Vector512<T> Apply(Vector512<T> x, Vector512<T> y)
        => Vector512.GreaterThanOrEqual(x, y) & Vector512<T>.One;
    public static Vector256<T> Apply(Vector256<T> x, Vector256<T> y)
        => Vector256.GreaterThanOrEqual(x, y) & Vector256<T>.One;
}

using System.Numerics;
using System.Runtime.Intrinsics;

namespace DeepSeq.Kernels.Formulas;

// The op contracts every elementwise kernel is generic over: the C# form of MiniTorch's
// `tensor_map(fn)` / `tensor_zip(fn)`. An op is a struct with static methods, not a delegate,
// so the JIT inlines it into the CPU loop and ILGPU compiles it into the GPU kernel.
// ILGPU only ever calls the scalar Apply; the CPU kernels use the vector overloads when
// the op says it has them (IsVectorized), and the scalar Apply otherwise.

/// <summary>y = f(x), one element at a time.</summary>
public interface IUnaryOp<TIn, TOut>
    where TIn : unmanaged
    where TOut : unmanaged
{
    /// <summary>f(x) for one element.</summary>
    static abstract TOut Apply(TIn x);

    /// <summary>True when the vector overloads below are implemented.</summary>
    static virtual bool IsVectorized => false;

    /// <summary>
    /// True when the vector overloads round exactly as the scalar one (copies, negation, |x|, relu);
    /// false for approximations such as exp, whose vector and scalar forms may differ in the last bit.
    /// The CPU loop then sends every element through the vector form, so results never depend on layout.
    /// </summary>
    static virtual bool VectorMatchesScalar => true;

    /// <summary>f applied to every lane.</summary>
    static virtual Vector512<TOut> Apply(Vector512<TIn> x) => throw new NotSupportedException();

    /// <summary>f applied to every lane.</summary>
    static virtual Vector256<TOut> Apply(Vector256<TIn> x) => throw new NotSupportedException();
}

/// <summary>z = f(x, y), one pair of elements at a time.</summary>
public interface IBinaryOp<T> where T : unmanaged
{
    /// <summary>f(x, y) for one pair.</summary>
    static abstract T Apply(T x, T y);

    /// <summary>True when the vector overloads below are implemented.</summary>
    static virtual bool IsVectorized => false;

    /// <summary>f applied lane by lane.</summary>
    static virtual Vector512<T> Apply(Vector512<T> x, Vector512<T> y) => throw new NotSupportedException();

    /// <summary>f applied lane by lane.</summary>
    static virtual Vector256<T> Apply(Vector256<T> x, Vector256<T> y) => throw new NotSupportedException();
}

/// <summary>
/// An associative, commutative binary op used to fold an axis: sum, max, min.
/// A reduction starts from the first element, so no identity is needed
/// (the caller decides what an empty axis means: 0 for a sum, an error for a max).
/// </summary>
public interface IReduceOp<T> : IBinaryOp<T> where T : unmanaged;

using System.Numerics;
using DeepSeq.Kernels.Ops;

namespace DeepSeq;

/// <summary>
/// Elementwise arithmetic, comparisons and functions, with NumPy broadcasting for two operands.
/// Each is one line: the op struct (src/Kernels/Ops) holds the formula, the primitive does the rest.
/// </summary>
public static class Elementwise
{
    extension<T>(Tensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>a + b</summary>
        public Tensor<T> Add(Tensor<T> b) => Primitives.Zip<T, Add<T>>("add", a, b);
        /// <summary>a − b</summary>
        public Tensor<T> Subtract(Tensor<T> b) => Primitives.Zip<T, Subtract<T>>("subtract", a, b);
        /// <summary>a · b (elementwise)</summary>
        public Tensor<T> Multiply(Tensor<T> b) => Primitives.Zip<T, Multiply<T>>("multiply", a, b);
        /// <summary>a / b. Float division follows IEEE 754 (x/0 = ±∞ or NaN); integer division truncates, and a zero divisor throws.</summary>
        public Tensor<T> Divide(Tensor<T> b)
        {
            // 1/2 is an integer only in integer arithmetic. Integer division by zero has no IEEE answer, and a GPU thread cannot throw (on ILGPU's CPU
            // accelerator the exception would kill the process), so integer divisors are checked first.
            if (T.IsInteger(T.One / (T.One + T.One)) && Shape.Broadcast("divide", a.Shape, b.Shape).Size > 0
                && b.Equal(b.Scalar(T.Zero)).Max().Item() != T.Zero)
                throw new DivideByZeroException($"divide: integer division by zero in {a.Shape} / {b.Shape}");
            return Primitives.Zip<T, Divide<T>>("divide", a, b);
        }
        /// <summary>max(a, b), NaN-propagating (NumPy <c>maximum</c>)</summary>
        public Tensor<T> Maximum(Tensor<T> b) => Primitives.Zip<T, Maximum<T>>("maximum", a, b);
        /// <summary>min(a, b), NaN-propagating (NumPy <c>minimum</c>)</summary>
        public Tensor<T> Minimum(Tensor<T> b) => Primitives.Zip<T, Minimum<T>>("minimum", a, b);

        /// <summary>1 where a = b, else 0</summary>
        public Tensor<T> Equal(Tensor<T> b) => Primitives.Zip<T, Equal<T>>("equal", a, b);
        /// <summary>1 where a ≠ b, else 0</summary>
        public Tensor<T> NotEqual(Tensor<T> b) => Primitives.Zip<T, NotEqual<T>>("not_equal", a, b);
        /// <summary>1 where a &lt; b, else 0</summary>
        public Tensor<T> Less(Tensor<T> b) => Primitives.Zip<T, Less<T>>("less", a, b);
        /// <summary>1 where a ≤ b, else 0</summary>
        public Tensor<T> LessEqual(Tensor<T> b) => Primitives.Zip<T, LessOrEqual<T>>("less_equal", a, b);
        /// <summary>1 where a &gt; b, else 0</summary>
        public Tensor<T> Greater(Tensor<T> b) => Primitives.Zip<T, Greater<T>>("greater", a, b);
        /// <summary>1 where a ≥ b, else 0</summary>
        public Tensor<T> GreaterEqual(Tensor<T> b) => Primitives.Zip<T, GreaterOrEqual<T>>("greater_equal", a, b);

        /// <summary>−a</summary>
        public Tensor<T> Negate() => Primitives.Map<T, T, Negate<T>>(a);
        /// <summary>|a|</summary>
        public Tensor<T> Abs() => Primitives.Map<T, T, Abs<T>>(a);
        /// <summary>sign(a) ∈ {−1, 0, 1}</summary>
        public Tensor<T> Sign() => Primitives.Map<T, T, Sign<T>>(a);
        /// <summary>max(a, 0)</summary>
        public Tensor<T> Relu() => Primitives.Map<T, T, Relu<T>>(a);

        /// <summary>min(max(a, low), high) with scalar bounds (NumPy <c>clip</c>); low must not exceed high.</summary>
        public Tensor<T> Clip(T low, T high)
        {
            if (low > high) throw new ArgumentException($"clip: low {low} is greater than high {high}");
            return a.Maximum(a.Scalar(low)).Minimum(a.Scalar(high));
        }
    }

    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>aᵇ</summary>
        public Tensor<T> Pow(Tensor<T> b) => Primitives.Zip<T, Power<T>>("pow", a, b);
        /// <summary>aᵖ for a scalar exponent</summary>
        public Tensor<T> Pow(T exponent) => a.Pow(a.Scalar(exponent));
        /// <summary>eᵃ</summary>
        public Tensor<T> Exp() => Primitives.Map<T, T, Exp<T>>(a);
        /// <summary>ln a</summary>
        public Tensor<T> Log() => Primitives.Map<T, T, Log<T>>(a);
        /// <summary>√a</summary>
        public Tensor<T> Sqrt() => Primitives.Map<T, T, Sqrt<T>>(a);
        /// <summary>tanh a</summary>
        public Tensor<T> Tanh() => Primitives.Map<T, T, Tanh<T>>(a);
        /// <summary>σ(a) = 1 / (1 + e⁻ᵃ)</summary>
        public Tensor<T> Sigmoid() => Primitives.Map<T, T, Sigmoid<T>>(a);
    }
}

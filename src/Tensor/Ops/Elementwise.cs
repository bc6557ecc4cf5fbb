using System.Numerics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq;

/// <summary>
/// Elementwise arithmetic, comparisons and functions, with NumPy broadcasting for two operands.
/// Each is one line: the formula struct (src/Kernels/Formulas) holds the formula, the primitive does the rest.
/// </summary>
public static class Elementwise
{
    extension<T>(Tensor<T> a) where T : unmanaged, INumber<T>
    {
        /// <summary>a + b</summary>
        public Tensor<T> Add(Tensor<T> b) => Primitives.Zip<T, AddOp<T>>("add", a, b);
        /// <summary>a − b</summary>
        public Tensor<T> Subtract(Tensor<T> b) => Primitives.Zip<T, SubtractOp<T>>("subtract", a, b);
        /// <summary>a · b (elementwise)</summary>
        public Tensor<T> Multiply(Tensor<T> b) => Primitives.Zip<T, MultiplyOp<T>>("multiply", a, b);
        /// <summary>
        /// a / b. Float division follows IEEE 754 (x/0 = ±∞ or NaN); integer division truncates, and a zero divisor
        /// throws.
        /// </summary>
        public Tensor<T> Divide(Tensor<T> b)
        {
            // 1/2 is an integer only in integer arithmetic. Integer division by zero has no IEEE answer, and a GPU
            // thread cannot throw (on ILGPU's CPU accelerator the exception would kill the process), so integer
            // divisors are checked first.
            if (T.IsInteger(T.One / (T.One + T.One)) && Shape.Broadcast("divide", a.Shape, b.Shape).Size > 0
                && b.Equal(b.Scalar(T.Zero)).Max().Item() != T.Zero)
                throw new DivideByZeroException($"divide: integer division by zero in {a.Shape} / {b.Shape}");
            return Primitives.Zip<T, DivideOp<T>>("divide", a, b);
        }
        /// <summary>max(a, b), NaN-propagating (NumPy <c>maximum</c>)</summary>
        public Tensor<T> Maximum(Tensor<T> b) => Primitives.Zip<T, MaximumOp<T>>("maximum", a, b);
        /// <summary>min(a, b), NaN-propagating (NumPy <c>minimum</c>)</summary>
        public Tensor<T> Minimum(Tensor<T> b) => Primitives.Zip<T, MinimumOp<T>>("minimum", a, b);

        /// <summary>1 where a = b, else 0</summary>
        public Tensor<T> Equal(Tensor<T> b) => Primitives.Zip<T, EqualOp<T>>("equal", a, b);
        /// <summary>1 where a ≠ b, else 0</summary>
        public Tensor<T> NotEqual(Tensor<T> b) => Primitives.Zip<T, NotEqualOp<T>>("not_equal", a, b);
        /// <summary>1 where a &lt; b, else 0</summary>
        public Tensor<T> Less(Tensor<T> b) => Primitives.Zip<T, LessOp<T>>("less", a, b);
        /// <summary>1 where a ≤ b, else 0</summary>
        public Tensor<T> LessEqual(Tensor<T> b) => Primitives.Zip<T, LessOrEqualOp<T>>("less_equal", a, b);
        /// <summary>1 where a &gt; b, else 0</summary>
        public Tensor<T> Greater(Tensor<T> b) => Primitives.Zip<T, GreaterOp<T>>("greater", a, b);
        /// <summary>1 where a ≥ b, else 0</summary>
        public Tensor<T> GreaterEqual(Tensor<T> b) => Primitives.Zip<T, GreaterOrEqualOp<T>>("greater_equal", a, b);

        /// <summary>−a</summary>
        public Tensor<T> Negate() => Primitives.Map<T, T, NegateOp<T>>(a);
        /// <summary>|a|</summary>
        public Tensor<T> Abs() => Primitives.Map<T, T, AbsOp<T>>(a);
        /// <summary>sign(a) ∈ {−1, 0, 1}</summary>
        public Tensor<T> Sign() => Primitives.Map<T, T, SignOp<T>>(a);
        /// <summary>max(a, 0)</summary>
        public Tensor<T> Relu() => Primitives.Map<T, T, ReluOp<T>>(a);

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
        public Tensor<T> Pow(Tensor<T> b) => Primitives.Zip<T, PowerOp<T>>("pow", a, b);
        /// <summary>aᵖ for a scalar exponent</summary>
        public Tensor<T> Pow(T exponent) => a.Pow(a.Scalar(exponent));
        /// <summary>eᵃ</summary>
        public Tensor<T> Exp() => Primitives.Map<T, T, ExpOp<T>>(a);
        /// <summary>ln a</summary>
        public Tensor<T> Log() => Primitives.Map<T, T, LogOp<T>>(a);
        /// <summary>√a</summary>
        public Tensor<T> Sqrt() => Primitives.Map<T, T, SqrtOp<T>>(a);
        /// <summary>tanh a</summary>
        public Tensor<T> Tanh() => Primitives.Map<T, T, TanhOp<T>>(a);
        /// <summary>σ(a) = 1 / (1 + e⁻ᵃ)</summary>
        public Tensor<T> Sigmoid() => Primitives.Map<T, T, SigmoidOp<T>>(a);
        /// <summary>erf a = (2/√π) ∫₀ᵃ e^(−t²) dt</summary>
        public Tensor<T> Erf() => Primitives.Map<T, T, ErfOp<T>>(a);
    }
}

using System.Numerics;

namespace DeepSeq;

/// <summary>Softmax and log-softmax along an axis, composed from the primitives with the max shift.</summary>
public static class SoftmaxOps
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m) with m = maxⱼ xⱼ along <paramref name="axis"/> (default last).
        /// Subtracting m changes nothing mathematically but keeps every exponent ≤ 0, so e^(·) cannot overflow
        /// (softmax of [1000, 1000] is [0.5, 0.5], not NaN) and the denominator is at least e⁰ ≈ 1 (the vector
        /// exp of the CPU kernels gives 1 + 2⁻²³ for 0, within one ulp), never a division by zero.
        /// </summary>
        public Tensor<T> Softmax(int axis = -1)
        {
            int a = Shape.NormalizeAxis("softmax", axis, x.Rank);
            var e = (x - x.Max(a, keepDims: true)).Exp();
            return e / e.Sum(a, keepDims: true);
        }

        /// <summary>
        /// log softmax(x)ᵢ = (xᵢ − m) − ln Σⱼ e^(xⱼ − m). Computed directly rather than as ln(softmax), which
        /// would give −∞ where softmax underflows to 0; this form stays finite (the stable path of cross-entropy).
        /// </summary>
        public Tensor<T> LogSoftmax(int axis = -1)
        {
            int a = Shape.NormalizeAxis("log_softmax", axis, x.Rank);
            var shifted = x - x.Max(a, keepDims: true);
            return shifted - shifted.Exp().Sum(a, keepDims: true).Log();
        }
    }
}

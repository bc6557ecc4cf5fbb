using System.Numerics;

namespace DeepSeq;

/// <summary>Softmax and log-softmax along an axis, composed from the primitives with the max shift.</summary>
public static class SoftmaxFunctions
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m) with m = maxⱼ xⱼ along <paramref name="axis"/> (default last).
        /// Subtracting m changes nothing mathematically but keeps every exponent ≤ 0, so e^(·) cannot overflow
        /// (softmax of [1000, 1000] is [0.5, 0.5], not NaN), and the largest term is e⁰ = 1 exactly, so the
        /// denominator is at least 1: never a division by zero.
        /// </summary>
        public Tensor<T> Softmax(int axis = -1)
        {
            int a = NonEmptyAxis("softmax", x, axis);
            var e = (x - x.Max(a, keepDims: true)).Exp();
            return e / e.Sum(a, keepDims: true);
        }

        /// <summary>
        /// log softmax(x)ᵢ = (xᵢ − m) − ln Σⱼ e^(xⱼ − m). Computed directly rather than as ln(softmax), which
        /// would give −∞ where softmax underflows to 0; this form stays finite (the stable path of cross-entropy).
        /// </summary>
        public Tensor<T> LogSoftmax(int axis = -1)
        {
            int a = NonEmptyAxis("log_softmax", x, axis);
            var shifted = x - x.Max(a, keepDims: true);
            return shifted - shifted.Exp().Sum(a, keepDims: true).Log();
        }
    }

    // A distribution over nothing is undefined: say so under the op's own name.
    private static int NonEmptyAxis<T>(string op, Tensor<T> x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int a = Shape.NormalizeAxis(op, axis, x.Rank);
        if (x.Shape.Dims[a] == 0) throw new ArgumentException($"{op}: axis {axis} of shape {x.Shape} is empty");
        return a;
    }
}

using System.Numerics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq;

/// <summary>
/// Reductions over any set of axes (null = all), with NumPy's <c>keepdims</c>. Sum, max and min are
/// the reduce primitive; mean, variance and argmax are composed from it.
/// </summary>
public static class Reductions
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>Σ over the axes. The sum over an empty axis is 0, as in NumPy.</summary>
        public Tensor<T> Sum(int[]? axes = null, bool keepDims = false)
        {
            var a = Primitives.Axes("sum", axes, x.Rank);
            if (a.Any(d => x.Shape.Dims[d] == 0))
                return Tensor.Zeros<T>(Primitives.ReducedShape(x.Shape, a, keepDims), x.Device);
            return Primitives.Reduce<T, AddOp<T>>("sum", x, a, keepDims);
        }

        /// <summary>Σ over one axis.</summary>
        public Tensor<T> Sum(int axis, bool keepDims = false) => x.Sum([axis], keepDims);

        /// <summary>Largest element over the axes (NaN if any is NaN). An empty axis throws.</summary>
        public Tensor<T> Max(int[]? axes = null, bool keepDims = false)
            => Primitives.Reduce<T, MaximumOp<T>>("max", x, Primitives.Axes("max", axes, x.Rank), keepDims);

        /// <summary>Largest element over one axis.</summary>
        public Tensor<T> Max(int axis, bool keepDims = false) => x.Max([axis], keepDims);

        /// <summary>Smallest element over the axes (NaN if any is NaN). An empty axis throws.</summary>
        public Tensor<T> Min(int[]? axes = null, bool keepDims = false)
            => Primitives.Reduce<T, MinimumOp<T>>("min", x, Primitives.Axes("min", axes, x.Rank), keepDims);

        /// <summary>Smallest element over one axis.</summary>
        public Tensor<T> Min(int axis, bool keepDims = false) => x.Min([axis], keepDims);

        /// <summary>
        /// Position of the largest element along <paramref name="axis"/>; the first one on ties, and the
        /// first NaN if there is one (NumPy's rule). Composed: m = max(x); mask = (x = m) or x is NaN;
        /// the answer is the smallest position where the mask holds. Positions are counted in int32, so
        /// they stay exact on axes longer than a float can count (2²⁴).
        /// </summary>
        public Tensor<int> ArgMax(int axis, bool keepDims = false)
        {
            int a = Shape.NormalizeAxis("argmax", axis, x.Rank);
            int n = x.Shape.Dims[a];
            if (n == 0) throw new ArgumentException($"argmax: axis {axis} of shape {x.Shape} is empty");
            var hit = x.Equal(x.Max(a, keepDims: true)).Maximum(x.NotEqual(x)).Cast<int>();
            var positionShape = Enumerable.Repeat(1, x.Rank).ToArray();
            positionShape[a] = n;
            var positions = Tensor.Arange(n, x.Device).Reshape(positionShape);
            var candidates = Tensor.Where(hit, positions, hit.Scalar(n));
            return candidates.Min(a, keepDims);
        }

        /// <summary>
        /// Position of the largest element in row-major order over all elements (NumPy <c>argmax()</c> with no axis).
        /// </summary>
        public int ArgMax() => x.Flatten().ArgMax(0).Item();
    }

    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Arithmetic mean over the axes. An empty axis throws (NumPy would warn and give NaN).</summary>
        public Tensor<T> Mean(int[]? axes = null, bool keepDims = false)
        {
            var a = Primitives.Axes("mean", axes, x.Rank);
            int count = Count(x, a);
            if (count == 0) throw new ArgumentException($"mean: cannot average over an empty axis of shape {x.Shape}");
            return x.Sum(a, keepDims) / T.CreateChecked(count);
        }

        /// <summary>Mean over one axis.</summary>
        public Tensor<T> Mean(int axis, bool keepDims = false) => x.Mean([axis], keepDims);

        /// <summary>
        /// Variance Σ(x − mean)² / (N − ddof) over the axes; ddof = 0 is NumPy's and Keras's default
        /// (the population variance), 1 the unbiased estimate. Two passes (mean first) for accuracy.
        /// </summary>
        public Tensor<T> Variance(int[]? axes = null, bool keepDims = false, int ddof = 0)
        {
            var a = Primitives.Axes("variance", axes, x.Rank);
            int count = Count(x, a);
            if (ddof < 0 || count - ddof <= 0)
                throw new ArgumentException($"variance: ddof {ddof} must lie in [0, {count}) for the {count} " +
                                            $"elements reduced in {x.Shape}");
            var centered = x - x.Mean(a, keepDims: true);
            return (centered * centered).Sum(a, keepDims) / T.CreateChecked(count - ddof);
        }

        /// <summary>Variance over one axis.</summary>
        public Tensor<T> Variance(int axis, bool keepDims = false, int ddof = 0) => x.Variance([axis], keepDims, ddof);
    }

    // How many elements a reduction over these axes combines.
    private static int Count<T>(Tensor<T> x, int[] axes) where T : unmanaged, INumber<T>
        => axes.Aggregate(1, (n, d) => n * x.Shape.Dims[d]);
}

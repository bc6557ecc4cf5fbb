using System.Numerics;
using DeepSeq.Kernels.Ops;

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
            {
                var dims = Enumerable.Range(0, x.Rank).Select(d => a.Contains(d) ? 1 : x.Shape.Dims[d]);
                if (!keepDims) dims = Enumerable.Range(0, x.Rank).Where(d => !a.Contains(d)).Select(d => x.Shape.Dims[d]);
                return Tensor.Zeros<T>(new Shape(dims.ToArray()), x.Device);
            }
            return Primitives.Reduce<T, Add<T>>("sum", x, a, keepDims);
        }

        /// <summary>Σ over one axis.</summary>
        public Tensor<T> Sum(int axis, bool keepDims = false) => x.Sum([axis], keepDims);

        /// <summary>Largest element over the axes (NaN if any is NaN). An empty axis throws.</summary>
        public Tensor<T> Max(int[]? axes = null, bool keepDims = false)
            => Primitives.Reduce<T, Maximum<T>>("max", x, Primitives.Axes("max", axes, x.Rank), keepDims);

        /// <summary>Largest element over one axis.</summary>
        public Tensor<T> Max(int axis, bool keepDims = false) => x.Max([axis], keepDims);

        /// <summary>Smallest element over the axes (NaN if any is NaN). An empty axis throws.</summary>
        public Tensor<T> Min(int[]? axes = null, bool keepDims = false)
            => Primitives.Reduce<T, Minimum<T>>("min", x, Primitives.Axes("min", axes, x.Rank), keepDims);

        /// <summary>Smallest element over one axis.</summary>
        public Tensor<T> Min(int axis, bool keepDims = false) => x.Min([axis], keepDims);

        /// <summary>
        /// Position of the largest element along <paramref name="axis"/>; the first one on ties, and the
        /// first NaN if there is one (NumPy's rule). Composed: m = max(x); mask = (x = m) or x is NaN;
        /// the answer is the smallest position where the mask holds.
        /// </summary>
        public Tensor<int> ArgMax(int axis, bool keepDims = false)
        {
            int a = Shape.NormalizeAxis("argmax", axis, x.Rank);
            int n = x.Shape.Dims[a];
            if (n == 0) throw new ArgumentException($"argmax: axis {axis} of shape {x.Shape} is empty");
            var hit = x.Equal(x.Max(a, keepDims: true)).Maximum(x.NotEqual(x));
            var positionShape = Enumerable.Repeat(1, x.Rank).ToArray();
            positionShape[a] = n;
            var positions = Tensor.Arange(T.CreateChecked(n)).To(x.Device).Reshape(positionShape);
            var candidates = Tensor.Where(hit, positions, x.Scalar(T.CreateChecked(n)));
            return candidates.Min(a, keepDims).Cast<int>();
        }
    }

    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Arithmetic mean over the axes. NaN over an empty axis, as in NumPy.</summary>
        public Tensor<T> Mean(int[]? axes = null, bool keepDims = false)
        {
            var a = Primitives.Axes("mean", axes, x.Rank);
            int count = a.Aggregate(1, (n, d) => n * x.Shape.Dims[d]);
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
            int count = a.Aggregate(1, (n, d) => n * x.Shape.Dims[d]);
            if (ddof < 0 || count - ddof <= 0)
                throw new ArgumentException($"variance: ddof {ddof} must lie in [0, {count}) for the {count} elements reduced in {x.Shape}");
            var centered = x - x.Mean(a, keepDims: true);
            return (centered * centered).Sum(a, keepDims) / T.CreateChecked(count - ddof);
        }

        /// <summary>Variance over one axis.</summary>
        public Tensor<T> Variance(int axis, bool keepDims = false, int ddof = 0) => x.Variance([axis], keepDims, ddof);
    }
}

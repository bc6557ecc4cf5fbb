using System.Numerics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq;

/// <summary>Writing into a slice: the inverse of <see cref="Views"/>' <c>Slice</c>, and its backward.</summary>
public static class SliceScattering
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>
        /// A copy of x with <paramref name="source"/> written into <c>x.Slice(axis, start, stop, step)</c>
        /// (PyTorch <c>slice_scatter</c>); the elements outside the slice keep x's values. x is not modified.
        /// </summary>
        /// <remarks>
        /// The slice follows <c>Slice</c>'s Python rules exactly (negative positions, clamping, negative steps),
        /// so <c>x.SliceScatter(s, …).Slice(…)</c> is <c>s</c>. With x all zeros it is the backward of
        /// <c>Slice</c>, <c>Narrow</c> and <c>Flip</c>: each element of the slice came from one element of x,
        /// so the gradient goes back to that element, and every element the slice skipped gets 0.
        /// <paramref name="source"/> must have the slice's shape exactly (no broadcasting, as in PyTorch).
        /// </remarks>
        /// <param name="source">the values to write, of the slice's shape</param>
        /// <param name="axis">the sliced axis (negative counts from the end)</param>
        /// <param name="start">first position (default: the edge the step walks from)</param>
        /// <param name="stop">position to stop before (default: past the other edge)</param>
        /// <param name="step">stride along the axis, not zero; negative walks backwards (default 1)</param>
        public Tensor<T> SliceScatter(Tensor<T> source, int axis, int? start = null, int? stop = null, int step = 1)
        {
            Shape.NormalizeAxis("slice_scatter", axis, x.Rank);
            if (step == 0) throw new ArgumentException("slice_scatter: step must not be zero");
            Primitives.SameDevice("slice_scatter", x, source);
            var sliceShape = x.Slice(axis, start, stop, step).Shape;
            if (source.Shape != sliceShape)
                throw new ArgumentException($"slice_scatter: source {source.Shape} does not match the slice {sliceShape} " +
                                            $"of x {x.Shape} along axis {axis} (start {start?.ToString() ?? "none"}, " +
                                            $"stop {stop?.ToString() ?? "none"}, step {step})");
            // A fresh copy, then one copy of source into the slice's view of it: the same write Concat makes into
            // each narrowed piece of its result. The view may walk backwards (negative stride); the copy does not care.
            var result = x.Copy();
            var target = result.Slice(axis, start, stop, step);
            x.Device.Map<T, T, IdentityOp<T>>(result.Storage, target.Layout, source.Storage, source.Layout);
            return result;
        }
    }
}

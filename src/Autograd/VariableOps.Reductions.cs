namespace DeepSeq.Autograd;

public static partial class VariableOps
{
    extension<T>(Variable<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Σ over the axes (null = all).</summary>
        public Variable<T> Sum(int[]? axes = null, bool keepDims = false) => Ops.Sum<T>.Apply(a, axes, keepDims);

        /// <summary>Σ over one axis.</summary>
        public Variable<T> Sum(int axis, bool keepDims = false) => Ops.Sum<T>.Apply(a, [axis], keepDims);

        /// <summary>Mean over the axes (null = all).</summary>
        public Variable<T> Mean(int[]? axes = null, bool keepDims = false) => Ops.Mean<T>.Apply(a, axes, keepDims);

        /// <summary>Mean over one axis.</summary>
        public Variable<T> Mean(int axis, bool keepDims = false) => Ops.Mean<T>.Apply(a, [axis], keepDims);

        /// <summary>Largest element over the axes (null = all); tied maxima share the gradient equally.</summary>
        public Variable<T> Max(int[]? axes = null, bool keepDims = false) => Ops.Max<T>.Apply(a, axes, keepDims);

        /// <summary>Largest element over one axis.</summary>
        public Variable<T> Max(int axis, bool keepDims = false) => Ops.Max<T>.Apply(a, [axis], keepDims);

        /// <summary>Smallest element over the axes (null = all); tied minima share the gradient equally.</summary>
        public Variable<T> Min(int[]? axes = null, bool keepDims = false) => Ops.Min<T>.Apply(a, axes, keepDims);

        /// <summary>Smallest element over one axis.</summary>
        public Variable<T> Min(int axis, bool keepDims = false) => Ops.Min<T>.Apply(a, [axis], keepDims);

        /// <summary>Σ (a − mean)² / (N − ddof) over the axes (null
        /// = all); ddof = 0 is the population variance.</summary>
        public Variable<T> Variance(int[]? axes = null, bool keepDims = false, int ddof = 0)
            => Ops.Variance<T>.Apply(a, axes, keepDims, ddof);

        /// <summary>Variance over one axis.</summary>
        public Variable<T> Variance(int axis, bool keepDims = false, int ddof = 0)
            => Ops.Variance<T>.Apply(a, [axis], keepDims, ddof);

        /// <summary>softmax along <paramref name="axis"/> (default last).</summary>
        public Variable<T> Softmax(int axis = -1) => Ops.Softmax<T>.Apply(a, axis);

        /// <summary>log softmax along <paramref name="axis"/> (default last), computed stably.</summary>
        public Variable<T> LogSoftmax(int axis = -1) => Ops.LogSoftmax<T>.Apply(a, axis);
    }
}

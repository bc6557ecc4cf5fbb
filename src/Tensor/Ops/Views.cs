using System.Numerics;

namespace DeepSeq;

/// <summary>
/// Views: new shapes, strides and offsets over the same storage, never a copy of the data
/// (except <c>Reshape</c> of a non-contiguous tensor, which has to copy, as in PyTorch).
/// </summary>
public static class Views
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>
        /// The same elements in row-major order under a new shape; one dimension may be −1 and is inferred.
        /// A view when <c>x</c> is contiguous, a copy otherwise. NumPy/PyTorch <c>reshape</c>.
        /// </summary>
        public Tensor<T> Reshape(params int[] shape)
        {
            var dims = (int[])shape.Clone();
            if (dims.Any(d => d < -1))
                throw new ArgumentException($"reshape: {x.Shape} -> {Shape.Format(shape)}: dimensions must be >= 0, " +
                                            "or -1 for one inferred dimension");
            int infer = Array.IndexOf(dims, -1);
            if (infer >= 0 && Array.IndexOf(dims, -1, infer + 1) >= 0)
                throw new ArgumentException($"reshape: {x.Shape} -> {Shape.Format(shape)}: only one " +
                                            "dimension can be -1");
            if (infer >= 0)
            {
                int known = 1;
                for (int d = 0; d < dims.Length; d++) if (d != infer) known *= dims[d];
                if (known == 0 || x.Size % known != 0)
                    throw new ArgumentException($"reshape: cannot reshape {x.Shape} ({x.Size} elements) into " +
                                                $"{Shape.Format(shape)}");
                dims[infer] = x.Size / known;
            }
            var target = new Shape(dims);
            if (target.Size != x.Size)
                throw new ArgumentException($"reshape: cannot reshape {x.Shape} ({x.Size} elements) into {target} " +
                                            $"({target.Size} elements)");
            var dense = x.Contiguous();
            return new Tensor<T>(dense.Storage, target, target.RowMajorStrides(), dense.Offset);
        }

        /// <summary>All elements as one dimension: <c>Reshape(-1)</c>.</summary>
        public Tensor<T> Flatten() => x.Reshape(-1);

        /// <summary>
        /// Reorders the dimensions: result dimension i is x's dimension <c>axes[i]</c>. NumPy <c>transpose(axes)</c>,
        /// PyTorch <c>permute</c>.
        /// </summary>
        public Tensor<T> Permute(params int[] axes)
        {
            if (axes.Length != x.Rank)
                throw new ArgumentException($"permute: {axes.Length} axes given for a tensor of shape {x.Shape}");
            var seen = new bool[x.Rank];
            var shape = new int[x.Rank];
            var strides = new int[x.Rank];
            for (int i = 0; i < axes.Length; i++)
            {
                int a = Shape.NormalizeAxis("permute", axes[i], x.Rank);
                if (seen[a]) throw new ArgumentException($"permute: axis {axes[i]} repeated in {Shape.Format(axes)}");
                seen[a] = true;
                shape[i] = x.Shape.Dims[a];
                strides[i] = x.Strides[a];
            }
            return new Tensor<T>(x.Storage, new Shape(shape), strides, x.Offset);
        }

        /// <summary>Swaps two dimensions (PyTorch <c>transpose(a, b)</c>).</summary>
        public Tensor<T> Transpose(int axis0, int axis1)
        {
            var axes = Enumerable.Range(0, x.Rank).ToArray();
            int a = Shape.NormalizeAxis("transpose", axis0, x.Rank),
                b = Shape.NormalizeAxis("transpose", axis1, x.Rank);
            (axes[a], axes[b]) = (axes[b], axes[a]);
            return x.Permute(axes);
        }

        /// <summary>Reverses the order of the dimensions (NumPy <c>x.T</c>); a matrix becomes its transpose.</summary>
        public Tensor<T> Transpose() => x.Permute(Enumerable.Range(0, x.Rank).Reverse().ToArray());

        /// <summary>
        /// Elements start, start+step, … before stop along <paramref name="axis"/>, with Python's slice rules:
        /// negative positions count from the end, out-of-range bounds are clamped, a negative step walks backwards
        /// (<c>Slice(1, step: -1)</c> reverses a sequence), null means "from the edge".
        /// </summary>
        public Tensor<T> Slice(int axis, int? start = null, int? stop = null, int step = 1)
        {
            int a = Shape.NormalizeAxis("slice", axis, x.Rank);
            if (step == 0) throw new ArgumentException("slice: step must not be zero");
            int n = x.Shape.Dims[a];
            int Clamp(int? v, int fallback, int low, int high)
            {
                if (v is null) return fallback;
                int p = v.Value < 0 ? v.Value + n : v.Value;
                return Math.Clamp(p, low, high);
            }
            // count = ⌈(end − first) / step⌉, in long arithmetic so that a huge step cannot overflow.
            int first, end, count;
            if (step > 0)
            {
                first = Clamp(start, 0, 0, n);
                end = Clamp(stop, n, 0, n);
                count = end > first ? (int)((end - first - 1L) / step + 1) : 0;
            }
            else
            {
                first = Clamp(start, n - 1, -1, n - 1);
                end = Clamp(stop, -1, -1, n - 1);
                count = first > end ? (int)((first - end - 1L) / -(long)step + 1) : 0;
            }
            var shape = x.Shape.ToArray();
            var strides = x.Strides.ToArray();
            shape[a] = count;
            int offset = x.Offset + (count > 0 ? first * strides[a] : 0);
            strides[a] *= step;
            return new Tensor<T>(x.Storage, new Shape(shape), strides, offset);
        }

        /// <summary>
        /// <paramref name="length"/> elements from <paramref name="start"/> along <paramref name="axis"/> (PyTorch
        /// <c>narrow</c>); bounds are checked, not clamped.
        /// </summary>
        public Tensor<T> Narrow(int axis, int start, int length)
        {
            int a = Shape.NormalizeAxis("narrow", axis, x.Rank);
            int n = x.Shape.Dims[a];
            if (start < 0 || length < 0 || start > n || length > n - start)
                throw new ArgumentOutOfRangeException(nameof(start), $"narrow: [{start}, {start + length}) is " +
                    $"outside axis {axis} of size {n} in shape {x.Shape}");
            return x.Slice(a, start, start + length);
        }

        /// <summary>The elements along <paramref name="axis"/> in reverse order (NumPy <c>flip</c>).</summary>
        public Tensor<T> Flip(int axis) => x.Slice(axis, step: -1);

        /// <summary>
        /// Removes dimension <paramref name="axis"/>, which must have size 1; with no axis, removes every size-1
        /// dimension.
        /// </summary>
        public Tensor<T> Squeeze(int? axis = null)
        {
            var keep = new List<int>();
            int? only = axis is null ? null : Shape.NormalizeAxis("squeeze", axis.Value, x.Rank);
            if (only is int o && x.Shape.Dims[o] != 1)
                throw new ArgumentException($"squeeze: axis {axis} of shape {x.Shape} has size " +
                                            $"{x.Shape.Dims[o]}, not 1");
            for (int d = 0; d < x.Rank; d++)
                if (!(x.Shape.Dims[d] == 1 && (only is null || only == d))) keep.Add(d);
            return new Tensor<T>(x.Storage, new Shape(keep.Select(d => x.Shape.Dims[d]).ToArray()),
                keep.Select(d => x.Strides[d]).ToArray(), x.Offset);
        }

        /// <summary>
        /// Inserts a size-1 dimension so that it becomes dimension <paramref name="axis"/> of the result (−1 appends).
        /// </summary>
        public Tensor<T> Unsqueeze(int axis)
        {
            int a = Shape.NormalizeAxis("unsqueeze", axis, x.Rank + 1);
            var shape = x.Shape.ToArray().ToList();
            var strides = x.Strides.ToArray().ToList();
            shape.Insert(a, 1);
            strides.Insert(a, 0);
            return new Tensor<T>(x.Storage, new Shape(shape.ToArray()), strides.ToArray(), x.Offset);
        }

        /// <summary>
        /// A view of <paramref name="shape"/> that repeats x along its size-1 (or missing leading) dimensions
        /// with stride 0 — no memory is used. NumPy <c>broadcast_to</c>, PyTorch <c>expand</c>.
        /// </summary>
        public Tensor<T> BroadcastTo(Shape shape) => new(x.Storage, shape, x.BroadcastStrides(shape.Dims), x.Offset);

        /// <summary>
        /// The strides of x broadcast to <paramref name="dims"/>: x's own where the sizes agree, 0 where x has
        /// size 1 or lacks the (leading) dimension. Also used without a <see cref="Shape"/>, for views larger
        /// than an array could hold (a matmul's broadcast operand).
        /// </summary>
        internal int[] BroadcastStrides(ReadOnlySpan<int> dims)
        {
            if (dims.Length < x.Rank)
                throw new ArgumentException($"broadcast_to: cannot broadcast {x.Shape} to the lower-rank " +
                                            $"{Shape.Format(dims)}");
            int lead = dims.Length - x.Rank;
            var strides = new int[dims.Length];
            for (int d = lead; d < dims.Length; d++)
            {
                int have = x.Shape.Dims[d - lead], want = dims[d];
                if (have == want) strides[d] = x.Strides[d - lead];
                else if (have != 1)
                    throw new ArgumentException($"broadcast_to: cannot broadcast {x.Shape} to {Shape.Format(dims)}: " +
                                                $"dimension {d - lead} is {have}, not 1 or {want}");
            }
            return strides;
        }

        /// <summary>PyTorch's name for <see cref="BroadcastTo"/>.</summary>
        public Tensor<T> Expand(Shape shape) => x.BroadcastTo(shape);
    }
}

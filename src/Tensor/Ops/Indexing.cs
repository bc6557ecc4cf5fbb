using System.Numerics;

namespace DeepSeq;

/// <summary>Reading by index: gather/take along an axis, index_select, where, one_hot.</summary>
public static class Indexing
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>
        /// out[…, j, …] = x[…, index[…, j, …], …] along <paramref name="axis"/> (NumPy <c>take_along_axis</c>,
        /// PyTorch <c>gather</c>). index has x's rank; its other dimensions broadcast against x's.
        /// </summary>
        public Tensor<T> Gather(int axis, Tensor<int> index) => x.GatherAlong("gather", axis, index);

        // Gather, reporting errors under the name of the op the user called (gather, index_select, take).
        private Tensor<T> GatherAlong(string op, int axis, Tensor<int> index)
        {
            int a = Shape.NormalizeAxis(op, axis, x.Rank);
            if (index.Rank != x.Rank)
                throw new ArgumentException($"{op}: index of shape {index.Shape} must have the rank of x {x.Shape}");
            Primitives.SameDevice(op, x, index);
            var xDims = x.Shape.ToArray();
            xDims[a] = index.Shape.Dims[a];
            var shape = Shape.Broadcast(op, new Shape(xDims), index.Shape);
            if (shape.Dims[a] != index.Shape.Dims[a])
                throw new ArgumentException($"{op}: index {index.Shape} and x {x.Shape} disagree along axis {a}");
            var y = Tensor.Empty<T>(shape, x.Device);
            if (y.Size == 0) return y;
            int axisSize = x.Shape.Dims[a];
            if (axisSize == 0)
                throw new IndexOutOfRangeException($"{op}: axis {a} of x {x.Shape} is empty, so no index can " +
                                                   "be read from it");
            // x read at y's shape: x's strides (broadcast where x has size 1), the kernel supplying the axis position.
            var full = shape.ToArray();
            full[a] = axisSize;
            var xLayout = new Kernels.StridedLayout(shape.Dims, x.BroadcastStrides(full), x.Offset);
            try
            {
                x.Device.Gather(y.Storage, y.Layout, x.Storage, xLayout, axisSize, index.Storage,
                    index.BroadcastTo(shape).Layout, a);
            }
            catch (IndexOutOfRangeException e)
            {
                throw new IndexOutOfRangeException($"{op}: x {x.Shape}, index {index.Shape}, axis {a}: {e.Message}", e);
            }
            return y;
        }

        /// <summary>
        /// The slices at the given positions along <paramref name="axis"/>, in order (PyTorch <c>index_select</c>);
        /// index is 1-d.
        /// </summary>
        public Tensor<T> IndexSelect(int axis, Tensor<int> index)
        {
            int a = Shape.NormalizeAxis("index_select", axis, x.Rank);
            if (index.Rank != 1)
                throw new ArgumentException($"index_select: index must be 1-d, got shape {index.Shape}");
            var shape = x.Shape.ToArray();
            shape[a] = index.Size;
            var indexShape = Enumerable.Repeat(1, x.Rank).ToArray();
            indexShape[a] = index.Size;
            return x.GatherAlong("index_select", a, index.Reshape(indexShape).BroadcastTo(new Shape(shape)));
        }

        /// <summary>
        /// NumPy <c>take</c> along an axis: out.shape = x.shape[:axis] + index.shape + x.shape[axis+1:].
        /// Embedding lookup is <c>weights.Take(tokens, 0)</c>: (vocab, dim) with (batch, time) gives (batch, time,
        /// dim).
        /// </summary>
        public Tensor<T> Take(Tensor<int> index, int axis = 0)
        {
            int a = Shape.NormalizeAxis("take", axis, x.Rank);
            var picked = x.IndexSelect(a, index.Flatten());
            var shape = x.Shape.Dims[..a].ToArray()
                .Concat(index.Shape.ToArray())
                .Concat(x.Shape.Dims[(a + 1)..].ToArray())
                .ToArray();
            return picked.Reshape(shape);
        }
    }

    extension(Tensor<int> indices)
    {
        /// <summary>
        /// One-hot rows: out[…, k] = 1 if indices[…] = k else 0, with a new last dimension of size
        /// <paramref name="depth"/> (Keras <c>to_categorical</c>). An index outside [0, depth) throws
        /// (TensorFlow's one_hot would silently give a zero row).
        /// </summary>
        public Tensor<T> OneHot<T>(int depth) where T : unmanaged, INumber<T>
        {
            if (depth <= 0) throw new ArgumentException($"one_hot: depth must be positive, got {depth}");
            if (indices.Size > 0)
            {
                int low = indices.Min().Item(), high = indices.Max().Item();
                if (low < 0 || high >= depth)
                    throw new IndexOutOfRangeException($"one_hot: index {(low < 0 ? low : high)} is " +
                                                       $"outside [0, {depth})");
            }
            var classes = Tensor.Arange(T.CreateChecked(depth)).To(indices.Device);
            return indices.Cast<T>().Unsqueeze(-1).Equal(classes);
        }
    }

}

public static partial class Tensor
{
    /// <summary>condition ≠ 0 ? a : b elementwise, all three broadcast together (NumPy <c>where</c>).</summary>
    public static Tensor<T> Where<T>(Tensor<T> condition, Tensor<T> a, Tensor<T> b) where T : unmanaged, INumber<T>
        => Primitives.Where(condition, a, b);
}

using System.Numerics;

namespace DeepSeq;

/// <summary>
/// Writing by index: scatter_add and index_add, the gradients of gather, index_select and take
/// (embedding lookup). Both return a new tensor; x itself is never written.
/// </summary>
public static class Scattering
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>
        /// out = x, then out[…, index[…, j, …], …] += values[…, j, …] along <paramref name="axis"/> (PyTorch
        /// <c>scatter_add</c>, NumPy <c>add.at</c>). Values whose indices coincide all add up. This is the adjoint of
        /// <c>Gather</c>: for every x and y, ⟨x.Gather(axis, index), y⟩ = ⟨x, zeros.ScatterAdd(axis, index, y)⟩,
        /// so the gradient of <c>y = x.Gather(axis, index)</c> is <c>dx = zeros(x.shape).ScatterAdd(axis, index,
        /// dy)</c>.
        /// </summary>
        /// <param name="axis">the axis the indices point along; negative counts from the end.</param>
        /// <param name="index">positions along <paramref name="axis"/>, in [−n, n) for x's size n there (negative ones
        /// count from the end); the rank of x. Out of range throws <see cref="IndexOutOfRangeException"/>.</param>
        /// <param name="values">what to add. index and values broadcast against each other (NumPy rules) to the shape S
        /// of the scattered block, which must equal x's shape everywhere but along <paramref name="axis"/>.</param>
        /// <remarks>
        /// <para>Shapes: x (d₀, …, n, …), index and values broadcast to S = (d₀, …, m, …), result (d₀, …, n, …): m
        /// slices added into an axis of n. PyTorch instead requires index no larger than src in every dimension and
        /// ignores the part of src that index does not cover; DeepSeq broadcasts, as its gather does (NumPy's
        /// <c>take_along_axis</c>), so an index of shape (1, 5) with values (2, 5) scatters both rows.</para>
        /// <para>On the CPU the sum at each position is formed in ascending j, the same bits on every run; ILGPU adds
        /// with atomics, so its float sums may differ in the last bits (see <c>Device.ScatterAdd</c>).</para>
        /// </remarks>
        public Tensor<T> ScatterAdd(int axis, Tensor<int> index, Tensor<T> values)
            => x.ScatterAlong("scatter_add", axis, index, values);

        // ScatterAdd, reporting errors under the name of the op the user called (scatter_add, index_add).
        private Tensor<T> ScatterAlong(string op, int axis, Tensor<int> index, Tensor<T> values)
        {
            int a = Shape.NormalizeAxis(op, axis, x.Rank);
            if (index.Rank != x.Rank)
                throw new ArgumentException($"{op}: index of shape {index.Shape} must have the rank of x {x.Shape}");
            Primitives.SameDevice(op, x, index);
            Primitives.SameDevice(op, x, values);
            var shape = Shape.Broadcast(op, index.Shape, values.Shape);
            bool fits = shape.Rank == x.Rank;
            for (int d = 0; d < x.Rank && fits; d++) fits = d == a || shape.Dims[d] == x.Shape.Dims[d];
            if (!fits)
                throw new ArgumentException(
                    $"{op}: index {index.Shape} and values {values.Shape} broadcast to {shape}, which must match x " +
                    $"{x.Shape} everywhere but axis {a}");
            // A fresh dense copy, never x itself (which may be a view shared with other tensors): the primitive adds
            // into it.
            var result = x.Copy();
            if (shape.Size == 0) return result;
            int axisSize = x.Shape.Dims[a];
            if (axisSize == 0)
                throw new IndexOutOfRangeException($"{op}: axis {a} of x {x.Shape} is empty, so no index " +
                                                   "can point into it");
            // The result seen at the block's shape: its own strides, the kernel supplying the position along the axis.
            var xLayout = result.Layout.WithShape(a, shape.Dims[a]);
            try
            {
                x.Device.ScatterAdd(result.Storage, xLayout, axisSize, values.Storage, values.BroadcastTo(shape).Layout,
                    index.Storage, index.BroadcastTo(shape).Layout, a);
            }
            catch (IndexOutOfRangeException e)
            {
                throw new IndexOutOfRangeException($"{op}: x {x.Shape}, index {index.Shape}, axis {a}: {e.Message}", e);
            }
            return result;
        }

        /// <summary>
        /// out = x, then out[…, index[j], …] += source[…, j, …] along <paramref name="axis"/> (PyTorch
        /// <c>index_add</c>): whole slices added at the given positions, repeated positions adding up. The adjoint of
        /// <c>IndexSelect</c>, hence its gradient: <c>dx = zeros(x.shape).IndexAdd(axis, index, dy)</c>.
        /// </summary>
        /// <param name="axis">the axis along which slices are added; negative counts from the end.</param>
        /// <param name="index">1-d, positions in [−n, n) along <paramref name="axis"/> (negative ones count from the
        /// end).</param>
        /// <param name="source">x's shape with index.Size along <paramref name="axis"/>: slice j goes to position
        /// index[j].</param>
        /// <remarks>
        /// The gradient of an embedding lookup <c>y = weights.Take(tokens)</c>, weights (vocab, dim), y (batch, time,
        /// dim), is
        /// <c>dWeights = zeros(vocab, dim).IndexAdd(0, tokens.Flatten(), dy.Reshape(-1, dim))</c>: each token's row of
        /// dy is added to its word's row, a word seen twice getting both. Implemented as <c>ScatterAdd</c> with the
        /// index reshaped to (1, …, m, …, 1) and broadcast (stride 0) to source's shape, as index_select is a gather.
        /// </remarks>
        public Tensor<T> IndexAdd(int axis, Tensor<int> index, Tensor<T> source)
        {
            int a = Shape.NormalizeAxis("index_add", axis, x.Rank);
            if (index.Rank != 1) throw new ArgumentException($"index_add: index must be 1-d, got shape {index.Shape}");
            var expected = x.Shape.ToArray();
            expected[a] = index.Size;
            if (!source.Shape.Dims.SequenceEqual(expected))
                throw new ArgumentException(
                    $"index_add: source {source.Shape} must have x's shape {x.Shape} with the index length " +
                    $"{index.Size} along axis {a}, that is {new Shape(expected)}");
            var indexShape = Enumerable.Repeat(1, x.Rank).ToArray();
            indexShape[a] = index.Size;
            return x.ScatterAlong("index_add", a, index.Reshape(indexShape).BroadcastTo(source.Shape), source);
        }
    }
}

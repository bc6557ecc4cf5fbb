namespace DeepSeq.Kernels;

/// <summary>
/// Where the elements of an n-dimensional view sit in a flat buffer:
/// element (i₀, …, iₙ₋₁) lives at <c>Offset + Σ_d i_d · Strides[d]</c>.
/// </summary>
/// <remarks>
/// This is the whole of "views" at the kernel level (MiniTorch's <c>tensor_data.py</c>): a transpose
/// permutes the strides, a slice moves the offset and scales a stride (negative for a reversed
/// slice), a broadcast sets a stride to 0. Kernels read every operand through a layout, so a view
/// never needs a copy to be computed on.
/// </remarks>
public readonly struct StridedLayout
{
    /// <summary>Size of each dimension.</summary>
    public readonly Dims8 Shape;
    /// <summary>Step in the flat buffer per unit of each index (0 for a broadcast dimension).</summary>
    public readonly Dims8 Strides;
    /// <summary>Number of dimensions.</summary>
    public readonly int Rank;
    /// <summary>Position of element (0, …, 0) in the flat buffer.</summary>
    public readonly int Offset;

    /// <summary>Creates a layout; shape and strides must have the same length.</summary>
    public StridedLayout(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, int offset)
    {
        if (shape.Length != strides.Length)
            throw new ArgumentException($"layout: shape has {shape.Length} dimensions but strides have " +
                                        $"{strides.Length}");
        Shape = Dims8.From(shape);
        Strides = Dims8.From(strides);
        Rank = shape.Length;
        Offset = offset;
    }

    private StridedLayout(Dims8 shape, Dims8 strides, int rank, int offset)
    {
        Shape = shape; Strides = strides; Rank = rank; Offset = offset;
    }

    /// <summary>A dense row-major layout of <paramref name="shape"/> starting at 0.</summary>
    public static StridedLayout RowMajor(ReadOnlySpan<int> shape) => new(shape, RowMajorStrides(shape), 0);

    /// <summary>
    /// Row-major (C order) strides: the last dimension is contiguous, and each stride is the product of
    /// the sizes after it (a size-0 dimension counts as 1, so strides stay meaningful for empty tensors).
    /// </summary>
    public static int[] RowMajorStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int step = 1;
        for (int d = shape.Length - 1; d >= 0; d--) { strides[d] = step; step *= Math.Max(shape[d], 1); }
        return strides;
    }

    /// <summary>Number of elements (product of the shape; 1 for a scalar).</summary>
    public int Size
    {
        get
        {
            int n = 1;
            for (int d = 0; d < Rank; d++) n *= Shape[d];
            return n;
        }
    }

    /// <summary>
    /// Flat position of the element whose row-major linear index in this shape is <paramref name="linear"/>.
    /// This is the GPU kernels' way of walking a view: one thread per element, index arithmetic per thread.
    /// </summary>
    public int OffsetOf(int linear)
    {
        int position = Offset;
        for (int d = Rank - 1; d >= 0; d--)
        {
            int size = Shape[d];
            position += (linear % size) * Strides[d];
            linear /= size;
        }
        return position;
    }

    /// <summary>
    /// Flat position of matrix <paramref name="batch"/> (row-major over all dimensions but the last two) of
    /// a batched-matrix view: where a batched matmul finds A[b, 0, 0]. Computed from the batch dimensions
    /// alone, so it cannot overflow for large matrices the way <c>OffsetOf(b·rows·cols)</c> would.
    /// </summary>
    public int OffsetOfBatch(int batch)
    {
        int position = Offset;
        for (int d = Rank - 3; d >= 0; d--)
        {
            int size = Shape[d];
            position += (batch % size) * Strides[d];
            batch /= size;
        }
        return position;
    }

    /// <summary>The same view with dimension <paramref name="axis"/> removed (used by reductions).</summary>
    public StridedLayout WithoutAxis(int axis)
    {
        var shape = new Dims8();
        var strides = new Dims8();
        for (int d = 0, k = 0; d < Rank; d++)
        {
            if (d == axis) continue;
            shape[k] = Shape[d]; strides[k] = Strides[d]; k++;
        }
        return new StridedLayout(shape, strides, Rank - 1, Offset);
    }

    /// <summary>The same view moved to start at <paramref name="offset"/>.</summary>
    public StridedLayout WithOffset(int offset) => new(Shape, Strides, Rank, offset);

    /// <summary>
    /// The same view with dimension <paramref name="axis"/> given the stride <paramref name="stride"/>.
    /// </summary>
    public StridedLayout WithStride(int axis, int stride)
    {
        var strides = Strides;
        strides[axis] = stride;
        return new StridedLayout(Shape, strides, Rank, Offset);
    }

    /// <summary>The same view with dimension <paramref name="axis"/> resized to <paramref name="size"/>.</summary>
    public StridedLayout WithShape(int axis, int size)
    {
        var shape = Shape;
        shape[axis] = size;
        return new StridedLayout(shape, Strides, Rank, Offset);
    }

    /// <summary>
    /// The smallest and largest flat positions this view touches (empty views give (Offset, Offset-1)).
    /// </summary>
    public (int Min, int Max) Extent()
    {
        int min = Offset, max = Offset;
        for (int d = 0; d < Rank; d++)
        {
            if (Shape[d] == 0) return (Offset, Offset - 1);
            int reach = (Shape[d] - 1) * Strides[d];
            if (reach < 0) min += reach; else max += reach;
        }
        return (min, max);
    }
}

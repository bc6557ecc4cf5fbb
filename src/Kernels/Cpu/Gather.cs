namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// y[i₀, …, j, …] = x[i₀, …, index[i₀, …, j, …], …] along one axis (PyTorch's <c>gather</c>,
/// NumPy's <c>take_along_axis</c>). The index view has y's shape; broadcasting it (stride 0)
/// turns this into <c>index_select</c> and embedding lookup.
/// </summary>
public static class Gather
{
    /// <summary>
    /// Gathers along <paramref name="axis"/>. <paramref name="xLayout"/> is x's layout with the gathered
    /// axis's size set to y's (its stride is what matters); <paramref name="axisSize"/> is x's real size there.
    /// Negative indices count from the end, as in NumPy. An index out of range throws, naming it and its position.
    /// </summary>
    public static void Strided<T>(T[] y, in StridedLayout yLayout, T[] x, in StridedLayout xLayout, int axisSize,
        int[] index, in StridedLayout indexLayout, int axis) where T : unmanaged
    {
        int step = xLayout.Strides[axis];
        // The walk holds the gathered axis still (stride 0); the index supplies the position along it.
        StridedLoop.Run(new GatherRun<T>(y, x, index, step, axisSize),
            [yLayout, xLayout.WithStride(axis, 0), indexLayout]);
    }

    private readonly struct GatherRun<T>(T[] y, T[] x, int[] index, int step, int axisSize) : IRunBody
        where T : unmanaged
    {
        public void Run(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> steps)
        {
            if (steps[2] == 0 && steps[0] == 1 && steps[1] == 1)
            {
                // One index for a contiguous run (index_select of rows, embedding lookup): a block copy.
                int row = Checked(index[offsets[2]]);
                x.AsSpan(offsets[1] + row * step, length).CopyTo(y.AsSpan(offsets[0], length));
                return;
            }
            for (int i = 0; i < length; i++)
            {
                int k = Checked(index[offsets[2] + i * steps[2]]);
                y[offsets[0] + i * steps[0]] = x[offsets[1] + i * steps[1] + k * step];
            }
        }

        /// <summary>
        /// The position along the axis for index <paramref name="k"/>, negative counting from the end; out of range
        /// throws.
        /// </summary>
        private int Checked(int k)
        {
            if (k < -axisSize || k >= axisSize)
                throw new IndexOutOfRangeException($"gather: index {k} is out of range for an axis of size {axisSize}");
            return k < 0 ? k + axisSize : k;
        }
    }
}

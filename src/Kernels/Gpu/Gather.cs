using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>ILGPU twin of <see cref="Cpu.Gather"/>: y[…, j, …] = x[…, index[…, j, …], …].</summary>
public static class Gather
{
    /// <summary>
    /// Gathers along <paramref name="axis"/>; the parameters between <c>i</c> and <c>error</c> mean what they mean in
    /// <see cref="Cpu.Gather.Strided{T}"/>. An index out of range is not read: the thread writes 0,
    /// raises <c>error[0] = 1</c> and leaves the index in <c>error[1]</c>, which the launcher reads back
    /// and turns into an exception (a kernel cannot throw, and reading out of range would crash the process).
    /// </summary>
    public static void Strided<T>(Index1D i, ArrayView<T> y, StridedLayout yLayout,
        ArrayView<T> x, StridedLayout xLayout, int axisSize,
        ArrayView<int> index, StridedLayout indexLayout, int axis, ArrayView<int> error) where T : unmanaged
    {
        int given = index[indexLayout.OffsetOf(i)];
        int k = given < 0 ? given + axisSize : given;
        int target = yLayout.OffsetOf(i);
        if (k < 0 || k >= axisSize)
        {
            error[0] = 1;
            error[1] = given;
            y[target] = default;
            return;
        }
        int step = xLayout.Strides[axis];
        y[target] = x[xLayout.WithStride(axis, 0).OffsetOf(i) + k * step];
    }
}

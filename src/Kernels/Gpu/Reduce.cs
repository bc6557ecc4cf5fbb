using System.Numerics;
using DeepSeq.Kernels.Formulas;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>ILGPU twin of <see cref="Cpu.Reduce"/>: out[…] = x[…, 0, …] ⊕ … ⊕ x[…, n−1, …].</summary>
/// <remarks>
/// Version 1, the plain one: one thread per output element walks the whole axis, left to right. Right for the
/// many-rows case (softmax over classes, a loss over a batch); a tree reduction in shared memory
/// for one long axis is future work for the GPU issue.
/// </remarks>
public static class Reduce
{
    /// <summary>
    /// Folds <paramref name="axis"/> of <paramref name="x"/> into <paramref name="y"/>, whose layout is x's without
    /// that axis. The axis must not be empty: the launcher checks, since a kernel cannot throw.
    /// </summary>
    public static void Strided<T, TOp>(Index1D i, ArrayView<T> y, StridedLayout yLayout, ArrayView<T> x,
        StridedLayout xLayout, int axis)
        where T : unmanaged, INumber<T> where TOp : struct, IReduceOp<T>
    {
        // Thread i is output i; x's layout without the axis has y's shape, so it finds where i's line starts.
        int start = xLayout.WithoutAxis(axis).OffsetOf(i);
        int n = xLayout.Shape[axis], step = xLayout.Strides[axis];
        T acc = x[start];
        for (int r = 1; r < n; r++) acc = TOp.Apply(acc, x[start + r * step]);
        y[yLayout.OffsetOf(i)] = acc;
    }
}

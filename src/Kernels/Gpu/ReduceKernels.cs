using DeepSeq.Kernels.Formulas;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>ILGPU twin of <see cref="Cpu.Reduce"/>: out[…] = x[…, 0, …] ⊕ … ⊕ x[…, n−1, …].</summary>
/// <remarks>
/// Version 1, the plain one: one thread per output element walks the whole axis. Right for the
/// many-rows case (softmax over classes, a loss over a batch); a tree reduction in shared memory
/// for one long axis is future work for the GPU issue.
/// </remarks>
public static class ReduceKernels
{
    /// <summary>
    /// Folds the axis whose size is <paramref name="n"/> and stride <paramref name="step"/>;
    /// <paramref name="rest"/> is x's layout without that axis (same shape as y).
    /// </summary>
    public static void Reduce<T, TOp>(Index1D i, ArrayView<T> y, StridedLayout yLayout, ArrayView<T> x, StridedLayout rest, int n, int step)
        where T : unmanaged where TOp : struct, IReduceOp<T>
    {
        int start = rest.OffsetOf(i);
        T acc = x[start];
        for (int r = 1; r < n; r++) acc = TOp.Apply(acc, x[start + r * step]);
        y[yLayout.OffsetOf(i)] = acc;
    }
}

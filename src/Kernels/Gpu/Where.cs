using System.Numerics;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>ILGPU twin of <see cref="Cpu.Where"/>: z = condition ≠ 0 ? x : y, one thread per output element.</summary>
public static class Where
{
    /// <summary>Selects between two views by a 0/1 (any non-zero counts as true) condition view.</summary>
    public static void Strided<T>(Index1D i, ArrayView<T> z, StridedLayout zLayout,
        ArrayView<T> condition, StridedLayout cLayout,
        ArrayView<T> x, StridedLayout xLayout, ArrayView<T> y, StridedLayout yLayout) where T : unmanaged, INumber<T>
    {
        z[zLayout.OffsetOf(i)] = condition[cLayout.OffsetOf(i)] != T.Zero
            ? x[xLayout.OffsetOf(i)]
            : y[yLayout.OffsetOf(i)];
    }
}

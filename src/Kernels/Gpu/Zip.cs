using DeepSeq.Kernels.Formulas;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>
/// ILGPU twin of <see cref="Cpu.Zip"/>: z = f(x, y) elementwise, one thread per output element. Broadcasting is
/// in the layouts (stride 0), as on the CPU.
/// </summary>
public static class Zip
{
    /// <summary>z[i] = f(x[i], y[i]) over views of the same shape.</summary>
    public static void Strided<T, TOp>(Index1D i, ArrayView<T> z, StridedLayout zLayout,
        ArrayView<T> x, StridedLayout xLayout,
        ArrayView<T> y, StridedLayout yLayout) where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        z[zLayout.OffsetOf(i)] = TOp.Apply(x[xLayout.OffsetOf(i)], y[yLayout.OffsetOf(i)]);
    }
}

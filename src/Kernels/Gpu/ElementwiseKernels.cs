using System.Numerics;
using DeepSeq.Kernels.Formulas;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>
/// ILGPU twins of <see cref="Cpu.Map"/>, <see cref="Cpu.Zip"/> and <see cref="Cpu.Where"/>: same names,
/// same parameter order (output first), the same op structs. One thread per output element;
/// each thread turns its linear index into a position in every operand with
/// <see cref="StridedLayout.OffsetOf"/>, so views and broadcasts need no copy on the device either.
/// </summary>
/// <remarks>
/// Kernels index only through layouts whose extents the launcher has checked against the buffers
/// (an out-of-range access would kill the process on ILGPU's CPU accelerator, and corrupt memory on a GPU).
/// </remarks>
public static class ElementwiseKernels
{
    /// <summary>y = f(x)</summary>
    public static void Map<TIn, TOut, TOp>(Index1D i, ArrayView<TOut> y, StridedLayout yLayout, ArrayView<TIn> x, StridedLayout xLayout)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOp<TIn, TOut>
    {
        y[yLayout.OffsetOf(i)] = TOp.Apply(x[xLayout.OffsetOf(i)]);
    }

    /// <summary>z = f(x, y)</summary>
    public static void Zip<T, TOp>(Index1D i, ArrayView<T> z, StridedLayout zLayout, ArrayView<T> x, StridedLayout xLayout,
        ArrayView<T> y, StridedLayout yLayout) where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        z[zLayout.OffsetOf(i)] = TOp.Apply(x[xLayout.OffsetOf(i)], y[yLayout.OffsetOf(i)]);
    }

    /// <summary>z = condition ≠ 0 ? x : y</summary>
    public static void Where<T>(Index1D i, ArrayView<T> z, StridedLayout zLayout, ArrayView<T> condition, StridedLayout cLayout,
        ArrayView<T> x, StridedLayout xLayout, ArrayView<T> y, StridedLayout yLayout) where T : unmanaged, INumber<T>
    {
        z[zLayout.OffsetOf(i)] = condition[cLayout.OffsetOf(i)] != T.Zero ? x[xLayout.OffsetOf(i)] : y[yLayout.OffsetOf(i)];
    }
}

using DeepSeq.Kernels.Formulas;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>
/// ILGPU twin of <see cref="Cpu.Map"/>: y = f(x) elementwise, with the same op structs. One thread per output
/// element; each thread turns its linear index into a position in every operand with
/// <see cref="StridedLayout.OffsetOf"/>, so views and broadcasts need no copy on the device either.
/// </summary>
/// <remarks>
/// <para>The twin rule of every file in this folder (see src/Kernels/README.md): the kernel takes ILGPU's thread
/// index <c>i</c> first, then exactly the CPU kernel's parameters in the CPU kernel's order (outputs, inputs,
/// sizes), with buffers as <see cref="ArrayView{T}"/>; a kernel that must report a bad input takes an
/// <c>error</c> view last, because a kernel cannot throw. Launch with extent <c>yLayout.Size</c>.</para>
/// <para>Kernels index only through layouts whose extents the launcher has checked against the buffers
/// (an out-of-range access would kill the process on ILGPU's CPU accelerator, and corrupt memory on a GPU).</para>
/// </remarks>
public static class Map
{
    /// <summary>y[i] = f(x[i]) over views of the same shape.</summary>
    public static void Strided<TIn, TOut, TOp>(Index1D i, ArrayView<TOut> y, StridedLayout yLayout, ArrayView<TIn> x,
        StridedLayout xLayout)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOp<TIn, TOut>
    {
        y[yLayout.OffsetOf(i)] = TOp.Apply(x[xLayout.OffsetOf(i)]);
    }
}

using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// y = f(x) elementwise (MiniTorch's <c>tensor_map</c>). <c>x</c> is read through its own layout,
/// so a broadcast input (stride 0) or any view is mapped without a copy.
/// </summary>
public static class Map
{
    /// <summary>y[i] = f(x[i]) over views of the same shape.</summary>
    public static void Strided<TIn, TOut, TOp>(TOut[] y, in StridedLayout yLayout, TIn[] x, in StridedLayout xLayout)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOp<TIn, TOut>
    {
        StridedLoop.Run(new MapRun<TIn, TOut, TOp>(y, x), [yLayout, xLayout]);
    }

    private readonly struct MapRun<TIn, TOut, TOp>(TOut[] y, TIn[] x) : IRunBody
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOp<TIn, TOut>
    {
        public void Run(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> steps)
        {
            int oy = offsets[0], ox = offsets[1], sy = steps[0], sx = steps[1];
            if (sy == 1 && sx == 1)
            {
                Contiguous<TIn, TOut, TOp>(y.AsSpan(oy, length), x.AsSpan(ox, length));
            }
            else if (sx == 0)
            {
                Span<TOut> value = [default];
                Contiguous<TIn, TOut, TOp>(value, x.AsSpan(ox, 1));
                for (int i = 0; i < length; i++) y[oy + i * sy] = value[0];
            }
            else if (TOp.IsVectorized && !TOp.VectorMatchesScalar)
            {
                Gathered(length, oy, sy, ox, sx);
            }
            else
            {
                for (int i = 0; i < length; i++) y[oy + i * sy] = TOp.Apply(x[ox + i * sx]);
            }
        }

        // A strided run of a vectorised op goes through a small contiguous buffer and the same vector
        // code as a contiguous run, so an element's bits do not depend on the layout it is read from.
        // (SkipLocalsInit: the buffers are written before they are read, and zeroing them would cost
        // more than the copy itself for the short runs of a tiled transpose.)
        [System.Runtime.CompilerServices.SkipLocalsInit]
        private void Gathered(int length, int oy, int sy, int ox, int sx)
        {
            const int chunk = 256;
            Span<TIn> input = stackalloc TIn[Math.Min(chunk, length)];
            Span<TOut> output = stackalloc TOut[input.Length];
            for (int start = 0; start < length; start += input.Length)
            {
                int count = Math.Min(input.Length, length - start);
                for (int i = 0; i < count; i++) input[i] = x[ox + (start + i) * sx];
                Contiguous<TIn, TOut, TOp>(output[..count], input[..count]);
                for (int i = 0; i < count; i++) y[oy + (start + i) * sy] = output[i];
            }
        }
    }

    /// <summary>
    /// y[i] = f(x[i]) over contiguous spans: Vector512 lanes where the hardware has them, else Vector256.
    /// The tail is copied into a zero-padded buffer of one vector and run through the same vector code,
    /// so an element's result never depends on where it sits (vector exp and scalar exp may differ by an ulp).
    /// </summary>
    public static void Contiguous<TIn, TOut, TOp>(Span<TOut> y, ReadOnlySpan<TIn> x)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOp<TIn, TOut>
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"map: input length {x.Length} != output length {y.Length}");
        int width = !TOp.IsVectorized || typeof(TIn) != typeof(TOut) ? 0
            : Vector512.IsHardwareAccelerated ? Vector512<TIn>.Count
            : Vector256.IsHardwareAccelerated ? Vector256<TIn>.Count : 0;
        if (width == 0)
        {
            for (int i = 0; i < x.Length; i++) y[i] = TOp.Apply(x[i]);
            return;
        }
        int body = x.Length - x.Length % width;
        VectorRuns<TIn, TOut, TOp>(y[..body], x[..body]);
        if (body == x.Length) return;
        Span<TIn> padIn = stackalloc TIn[width];
        Span<TOut> padOut = stackalloc TOut[width];
        padIn.Clear();
        x[body..].CopyTo(padIn);
        VectorRuns<TIn, TOut, TOp>(padOut, padIn);
        padOut[..(x.Length - body)].CopyTo(y[body..]);
    }

    // Whole vectors only: the length is a multiple of the vector width.
    private static void VectorRuns<TIn, TOut, TOp>(Span<TOut> y, ReadOnlySpan<TIn> x)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOp<TIn, TOut>
    {
        ref TIn xs = ref MemoryMarshal.GetReference(x);
        ref TOut ys = ref MemoryMarshal.GetReference(y);
        if (Vector512.IsHardwareAccelerated)
            for (int i = 0; i < x.Length; i += Vector512<TIn>.Count)
                TOp.Apply(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        else
            for (int i = 0; i < x.Length; i += Vector256<TIn>.Count)
                TOp.Apply(Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeepSeq.Kernels.Ops;

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
                Contiguous<TIn, TOut, TOp>(x.AsSpan(ox, length), y.AsSpan(oy, length));
            }
            else if (sx == 0)
            {
                TOut value = TOp.Apply(x[ox]);
                for (int i = 0; i < length; i++) y[oy + i * sy] = value;
            }
            else
            {
                for (int i = 0; i < length; i++) y[oy + i * sy] = TOp.Apply(x[ox + i * sx]);
            }
        }
    }

    /// <summary>
    /// y[i] = f(x[i]) over contiguous spans: Vector512 lanes where the hardware has them, else Vector256.
    /// The tail is padded into one more vector, so every element goes through the same code and the
    /// result of an element never depends on where it sits (vector exp and scalar exp may differ by an ulp).
    /// </summary>
    public static void Contiguous<TIn, TOut, TOp>(ReadOnlySpan<TIn> x, Span<TOut> y)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOp<TIn, TOut>
    {
        if (x.Length != y.Length) throw new ArgumentException($"map: input length {x.Length} != output length {y.Length}");
        if (TOp.IsVectorized && typeof(TIn) == typeof(TOut))
        {
            if (Vector512.IsHardwareAccelerated) { Contiguous512<TIn, TOut, TOp>(x, y); return; }
            if (Vector256.IsHardwareAccelerated) { Contiguous256<TIn, TOut, TOp>(x, y); return; }
        }
        for (int i = 0; i < x.Length; i++) y[i] = TOp.Apply(x[i]);
    }

    private static void Contiguous512<TIn, TOut, TOp>(ReadOnlySpan<TIn> x, Span<TOut> y)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOp<TIn, TOut>
    {
        int width = Vector512<TIn>.Count, n = x.Length, i = 0;
        ref TIn xs = ref MemoryMarshal.GetReference(x);
        ref TOut ys = ref MemoryMarshal.GetReference(y);
        for (; i <= n - width; i += width)
            TOp.Apply(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        if (i < n)
        {
            var padIn = Vector512<TIn>.Zero;
            var padOut = Vector512<TOut>.Zero;
            x[i..].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<TIn>, TIn>(ref padIn), width));
            padOut = TOp.Apply(padIn);
            MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<TOut>, TOut>(ref padOut), width)[..(n - i)].CopyTo(y[i..]);
        }
    }

    private static void Contiguous256<TIn, TOut, TOp>(ReadOnlySpan<TIn> x, Span<TOut> y)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IUnaryOp<TIn, TOut>
    {
        int width = Vector256<TIn>.Count, n = x.Length, i = 0;
        ref TIn xs = ref MemoryMarshal.GetReference(x);
        ref TOut ys = ref MemoryMarshal.GetReference(y);
        for (; i <= n - width; i += width)
            TOp.Apply(Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
        if (i < n)
        {
            var padIn = Vector256<TIn>.Zero;
            var padOut = Vector256<TOut>.Zero;
            x[i..].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<TIn>, TIn>(ref padIn), width));
            padOut = TOp.Apply(padIn);
            MemoryMarshal.CreateSpan(ref Unsafe.As<Vector256<TOut>, TOut>(ref padOut), width)[..(n - i)].CopyTo(y[i..]);
        }
    }
}

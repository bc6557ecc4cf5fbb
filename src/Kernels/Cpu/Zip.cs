using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// z = f(x, y) elementwise (MiniTorch's <c>tensor_zip</c>). Broadcasting is already in the layouts:
/// a broadcast operand has stride 0, so the contiguous-by-scalar case (<c>x + 1</c>, a bias added to
/// each row) is a run with step 0 that the vector loop reads as one splatted lane.
/// </summary>
/// <remarks>
/// The scalar tail uses the scalar op: for +, −, ×, max, min and comparisons it is bit-identical to the
/// vector lanes (IEEE 754 rounds each operation the same way in either).
/// </remarks>
public static class Zip
{
    /// <summary>z[i] = f(x[i], y[i]) over views of the same shape.</summary>
    public static void Strided<T, TOp>(T[] z, in StridedLayout zLayout, T[] x, in StridedLayout xLayout, T[] y,
        in StridedLayout yLayout)
        where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        StridedLoop.Run(new ZipRun<T, TOp>(z, x, y), [zLayout, xLayout, yLayout]);
    }

    private readonly struct ZipRun<T, TOp>(T[] z, T[] x, T[] y) : IRunBody
        where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        public void Run(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> steps)
        {
            int oz = offsets[0], ox = offsets[1], oy = offsets[2];
            int sz = steps[0], sx = steps[1], sy = steps[2];
            if (sz == 1 && (sx | 1) == 1 && (sy | 1) == 1)   // each input contiguous (1) or splatted (0)
            {
                Run1<T, TOp>(z.AsSpan(oz, length), x.AsSpan(ox, sx == 0 ? 1 : length), sx,
                    y.AsSpan(oy, sy == 0 ? 1 : length), sy);
                return;
            }
            for (int i = 0; i < length; i++)
                z[oz + i * sz] = TOp.Apply(x[ox + i * sx], y[oy + i * sy]);
        }
    }

    /// <summary>z[i] = f(x[i], y[i]) over contiguous spans of equal length.</summary>
    public static void Contiguous<T, TOp>(Span<T> z, ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        if (x.Length != z.Length || y.Length != z.Length)
            throw new ArgumentException($"zip: lengths {x.Length}, {y.Length} and output {z.Length} differ");
        Run1<T, TOp>(z, x, 1, y, 1);
    }

    // stepX/stepY are 1 (a run) or 0 (one value repeated, read as a splatted vector).
    private static void Run1<T, TOp>(Span<T> z, ReadOnlySpan<T> x, int stepX, ReadOnlySpan<T> y, int stepY)
        where T : unmanaged where TOp : struct, IBinaryOp<T>
    {
        int n = z.Length, i = 0;
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        ref T zs = ref MemoryMarshal.GetReference(z);
        if (TOp.IsVectorized && Vector512.IsHardwareAccelerated)
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                TOp.Apply(Load512(ref xs, i * stepX, stepX),
                    Load512(ref ys, i * stepY, stepY)).StoreUnsafe(ref zs, (nuint)i);
        else if (TOp.IsVectorized && Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                TOp.Apply(Load256(ref xs, i * stepX, stepX),
                    Load256(ref ys, i * stepY, stepY)).StoreUnsafe(ref zs, (nuint)i);
        for (; i < n; i++) z[i] = TOp.Apply(x[i * stepX], y[i * stepY]);
    }

    private static Vector512<T> Load512<T>(ref T source, int at, int step) =>
        step == 0 ? Vector512.Create(source) : Vector512.LoadUnsafe(ref source, (nuint)at);

    private static Vector256<T> Load256<T>(ref T source, int at, int step) =>
        step == 0 ? Vector256.Create(source) : Vector256.LoadUnsafe(ref source, (nuint)at);
}

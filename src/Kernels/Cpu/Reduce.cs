using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// out[…] = x[…, 0, …] ⊕ x[…, 1, …] ⊕ … ⊕ x[…, n−1, …]: folds one axis with an associative op (sum, max, min).
/// </summary>
/// <remarks>
/// Two strategies, chosen by the memory layout:
/// <list type="bullet">
/// <item>each output folds its own n inputs — vectorised, with four independent accumulators to hide the
/// add latency, when the axis is contiguous (a row sum); a plain strided loop when it is not and there are
/// few outputs (the sum of one long reversed vector);</item>
/// <item>otherwise (a column sum of a row-major matrix, the bias gradient of a batch): the output starts as
/// slice 0 and each further slice is zipped into it, so the inner loop runs along the contiguous
/// dimension of the other axes.</item>
/// </list>
/// Both orders are fixed by the shape alone, so a reduction gives the same bits on every run.
/// </remarks>
public static class Reduce
{
    /// <summary>Below this many outputs, folding slice by slice costs more in loop set-up than it gains.</summary>
    private const int MinOutputsForSliceFold = 64;

    /// <summary>
    /// Folds <paramref name="axis"/> of <paramref name="x"/> into <paramref name="y"/>, whose layout is x's without
    /// that axis.
    /// </summary>
    public static void Strided<T, TOp>(T[] y, in StridedLayout yLayout, T[] x, in StridedLayout xLayout, int axis)
        where T : unmanaged, INumber<T> where TOp : struct, IReduceOp<T>
    {
        int n = xLayout.Shape[axis];
        if (n == 0) throw new ArgumentException("reduce: cannot fold an empty axis without an identity");
        var rest = xLayout.WithoutAxis(axis);
        int step = xLayout.Strides[axis];
        if (step == 1 || rest.Size < MinOutputsForSliceFold)
        {
            StridedLoop.Run(new PerOutput<T, TOp>(y, x, n, step), [yLayout, rest]);
            return;
        }
        Map.Strided<T, T, IdentityOp<T>>(y, yLayout, x, rest);
        for (int r = 1; r < n; r++)
            Zip.Strided<T, TOp>(y, yLayout, y, yLayout, x, rest.WithOffset(rest.Offset + r * step));
    }

    // One output element per run element; each folds the n inputs that start at its offset, `step` apart.
    private readonly struct PerOutput<T, TOp>(T[] y, T[] x, int n, int step) : IRunBody
        where T : unmanaged where TOp : struct, IReduceOp<T>
    {
        public void Run(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> steps)
        {
            for (int i = 0; i < length; i++)
            {
                int start = offsets[1] + i * steps[1];
                T acc;
                if (step == 1) acc = Contiguous<T, TOp>(x.AsSpan(start, n));
                else
                {
                    acc = x[start];
                    for (int r = 1; r < n; r++) acc = TOp.Apply(acc, x[start + r * step]);
                }
                y[offsets[0] + i * steps[0]] = acc;
            }
        }
    }

    /// <summary>x[0] ⊕ x[1] ⊕ … over a contiguous, non-empty span.</summary>
    public static T Contiguous<T, TOp>(ReadOnlySpan<T> x) where T : unmanaged where TOp : struct, IReduceOp<T>
    {
        if (x.IsEmpty) throw new ArgumentException("reduce: empty span");
        ref T xs = ref MemoryMarshal.GetReference(x);
        int i = 1;
        T acc = x[0];
        if (TOp.IsVectorized && Vector512.IsHardwareAccelerated && x.Length >= 4 * Vector512<T>.Count)
            acc = Fold512<T, TOp>(ref xs, x.Length, out i);
        else if (TOp.IsVectorized && Vector256.IsHardwareAccelerated && x.Length >= 4 * Vector256<T>.Count)
            acc = Fold256<T, TOp>(ref xs, x.Length, out i);
        for (; i < x.Length; i++) acc = TOp.Apply(acc, x[i]);
        return acc;
    }

    // Four accumulators: independent dependency chains keep both vector add units busy. Returns the fold
    // of the first `done` elements (a whole number of vectors); the caller folds the tail.
    private static T Fold512<T, TOp>(ref T xs, int n, out int done) where T : unmanaged where TOp : struct, IReduceOp<T>
    {
        int w = Vector512<T>.Count, i;
        Vector512<T> a0 = Vector512.LoadUnsafe(ref xs), a1 = Vector512.LoadUnsafe(ref xs, (nuint)w),
            a2 = Vector512.LoadUnsafe(ref xs, (nuint)(2 * w)), a3 = Vector512.LoadUnsafe(ref xs, (nuint)(3 * w));
        for (i = 4 * w; i <= n - 4 * w; i += 4 * w)
        {
            a0 = TOp.Apply(a0, Vector512.LoadUnsafe(ref xs, (nuint)i));
            a1 = TOp.Apply(a1, Vector512.LoadUnsafe(ref xs, (nuint)(i + w)));
            a2 = TOp.Apply(a2, Vector512.LoadUnsafe(ref xs, (nuint)(i + 2 * w)));
            a3 = TOp.Apply(a3, Vector512.LoadUnsafe(ref xs, (nuint)(i + 3 * w)));
        }
        for (; i <= n - w; i += w) a0 = TOp.Apply(a0, Vector512.LoadUnsafe(ref xs, (nuint)i));
        done = i;
        var last = TOp.Apply(TOp.Apply(a0, a1), TOp.Apply(a2, a3));
        return Lanes<T, TOp>(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<Vector512<T>, T>(ref last),
            Vector512<T>.Count));
    }

    // The same with 256-bit vectors, for machines without AVX-512.
    private static T Fold256<T, TOp>(ref T xs, int n, out int done) where T : unmanaged where TOp : struct, IReduceOp<T>
    {
        int w = Vector256<T>.Count, i;
        Vector256<T> a0 = Vector256.LoadUnsafe(ref xs), a1 = Vector256.LoadUnsafe(ref xs, (nuint)w),
            a2 = Vector256.LoadUnsafe(ref xs, (nuint)(2 * w)), a3 = Vector256.LoadUnsafe(ref xs, (nuint)(3 * w));
        for (i = 4 * w; i <= n - 4 * w; i += 4 * w)
        {
            a0 = TOp.Apply(a0, Vector256.LoadUnsafe(ref xs, (nuint)i));
            a1 = TOp.Apply(a1, Vector256.LoadUnsafe(ref xs, (nuint)(i + w)));
            a2 = TOp.Apply(a2, Vector256.LoadUnsafe(ref xs, (nuint)(i + 2 * w)));
            a3 = TOp.Apply(a3, Vector256.LoadUnsafe(ref xs, (nuint)(i + 3 * w)));
        }
        for (; i <= n - w; i += w) a0 = TOp.Apply(a0, Vector256.LoadUnsafe(ref xs, (nuint)i));
        done = i;
        var last = TOp.Apply(TOp.Apply(a0, a1), TOp.Apply(a2, a3));
        return Lanes<T, TOp>(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<Vector256<T>, T>(ref last),
            Vector256<T>.Count));
    }

    // Folds the lanes of the last vector, left to right.
    private static T Lanes<T, TOp>(ReadOnlySpan<T> lanes) where T : unmanaged where TOp : struct, IReduceOp<T>
    {
        T acc = lanes[0];
        for (int i = 1; i < lanes.Length; i++) acc = TOp.Apply(acc, lanes[i]);
        return acc;
    }
}

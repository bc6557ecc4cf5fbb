using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeepSeq.Kernels.Ops;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// out[…] = x[…, 0, …] ⊕ x[…, 1, …] ⊕ … ⊕ x[…, n−1, …]: folds one axis with an associative op (sum, max, min).
/// </summary>
/// <remarks>
/// Two strategies, chosen by the memory layout, both vectorised:
/// <list type="bullet">
/// <item>the axis is contiguous (stride 1, e.g. a row sum): each output is a horizontal reduction of one
/// contiguous run, with four independent vector accumulators to hide the add latency;</item>
/// <item>otherwise (e.g. a column sum of a row-major matrix): the output starts as slice 0 and each further
/// slice is zipped into it, so the inner loop runs along the contiguous dimension of the other axes.</item>
/// </list>
/// Both orders are fixed by the shape alone, so a reduction gives the same bits on every run.
/// </remarks>
public static class Reduce
{
    /// <summary>Folds <paramref name="axis"/> of <paramref name="x"/> into <paramref name="y"/>, whose layout is x's without that axis.</summary>
    public static void Strided<T, TOp>(T[] y, in StridedLayout yLayout, T[] x, in StridedLayout xLayout, int axis)
        where T : unmanaged, INumber<T> where TOp : struct, IReduceOp<T>
    {
        int n = xLayout.Shape[axis];
        if (n == 0) throw new ArgumentException("reduce: cannot fold an empty axis without an identity");
        var rest = xLayout.WithoutAxis(axis);
        int step = xLayout.Strides[axis];
        if (step == 1 && n > 1)
        {
            StridedLoop.Run(new RowRun<T, TOp>(y, x, n), [yLayout, rest]);
            return;
        }
        Map.Strided<T, T, Identity<T>>(y, yLayout, x, rest);
        for (int r = 1; r < n; r++)
        {
            Zip.Strided<T, TOp>(y, yLayout, y, yLayout, x, rest.WithOffset(rest.Offset + r * step));
        }
    }

    // One output element per (run element); each folds the n contiguous inputs that start at its offset.
    private readonly struct RowRun<T, TOp>(T[] y, T[] x, int n) : IRunBody
        where T : unmanaged where TOp : struct, IReduceOp<T>
    {
        public void Run(int length, ReadOnlySpan<int> offsets, ReadOnlySpan<int> steps)
        {
            for (int i = 0; i < length; i++)
                y[offsets[0] + i * steps[0]] = Contiguous<T, TOp>(x.AsSpan(offsets[1] + i * steps[1], n));
        }
    }

    /// <summary>x[0] ⊕ x[1] ⊕ … over a contiguous, non-empty span.</summary>
    public static T Contiguous<T, TOp>(ReadOnlySpan<T> x) where T : unmanaged where TOp : struct, IReduceOp<T>
    {
        if (x.IsEmpty) throw new ArgumentException("reduce: empty span");
        int n = x.Length, i = 0;
        ref T xs = ref MemoryMarshal.GetReference(x);
        T acc;
        int width = Vector512<T>.Count;
        if (TOp.IsVectorized && Vector512.IsHardwareAccelerated && n >= 4 * width)
        {
            // Four accumulators: independent dependency chains keep both vector add units busy.
            var a0 = Vector512.LoadUnsafe(ref xs, 0);
            var a1 = Vector512.LoadUnsafe(ref xs, (nuint)width);
            var a2 = Vector512.LoadUnsafe(ref xs, (nuint)(2 * width));
            var a3 = Vector512.LoadUnsafe(ref xs, (nuint)(3 * width));
            for (i = 4 * width; i <= n - 4 * width; i += 4 * width)
            {
                a0 = TOp.Apply(a0, Vector512.LoadUnsafe(ref xs, (nuint)i));
                a1 = TOp.Apply(a1, Vector512.LoadUnsafe(ref xs, (nuint)(i + width)));
                a2 = TOp.Apply(a2, Vector512.LoadUnsafe(ref xs, (nuint)(i + 2 * width)));
                a3 = TOp.Apply(a3, Vector512.LoadUnsafe(ref xs, (nuint)(i + 3 * width)));
            }
            for (; i <= n - width; i += width) a0 = TOp.Apply(a0, Vector512.LoadUnsafe(ref xs, (nuint)i));
            var v = TOp.Apply(TOp.Apply(a0, a1), TOp.Apply(a2, a3));
            acc = v[0];
            for (int lane = 1; lane < width; lane++) acc = TOp.Apply(acc, v[lane]);
        }
        else
        {
            acc = x[0];
            i = 1;
        }
        for (; i < n; i++) acc = TOp.Apply(acc, x[i]);
        return acc;
    }
}

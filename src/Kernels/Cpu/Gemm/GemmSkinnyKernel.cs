// C[i·ci + j·cj] = alpha·Σₚ X[i, p]·Ỹ[p, j] + beta·C     X[i, p] = x[i·xi + p·xp]  (14 rows, unpacked)
//                                                      Ỹ: packed (kc, NR)   NR = V·W   W = Vector512<T>.Count
//
// The micro-kernel of GemmV5Skinny: a 14 × NR tile (V = 1 or 2 vectors, 14×16 or 14×32 floats) of the product of
// an *unpacked* operand X, read in place through two strides, and a packed narrow panel Ỹ. Same register plan as
// MicroKernel512 (14·V accumulators + V vectors of Ỹ + 1 broadcast ≤ 31 zmm), and the same per-p work: V vector
// loads and 14 scalar broadcasts for 14·V FMAs. The difference is where X comes from: MicroKernel512 reads a
// packed Ã panel (14 values side by side per p); here X[i, p] is addressed as x + i·xi + p·xp, so either operand
// of a GEMM, transposed or not, is read where it lies and no packing pass over the large operand is needed.
//   The 14 row addresses cost general-purpose registers: rows 0–6 are x + o₁…o₆ (oᵢ = i·xi) and rows 7–13 the
// same offsets from a second pointer x₇ = x + 7·xi, so 2 pointers + 6 offsets cover all 14 (x86 addressing adds a
// register offset for free), and both pointers step by xp per p. With xi = 1 the oᵢ are just 1…6.
// Rows must all be readable: GemmV5Skinny moves a partial last tile back over the one before (storing only its
// new rows), or packs it zero-padded when there are fewer than 14 rows in all.
// C is written through (ci, cj): (ldc, 1) stores rows of vectors, masked in a partial tile; the mirrored
// orientation (a tile of Cᵀ) goes through a stack tile and MicroKernel.StorePartial's scattered stores.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DeepSeq.Kernels.Cpu;

/// <summary>How many Vector512 columns a <see cref="SkinnyKernel{T, TV}"/> tile has (a struct, so it is a JIT
/// constant and the unused half of the kernel compiles away).</summary>
internal interface ISkinnyWidth
{
    /// <summary>Vectors per tile row: 1 or 2.</summary>
    static abstract int Vectors { get; }
}

/// <summary>Tiles one vector wide (16 floats, 8 doubles).</summary>
internal struct OneVector : ISkinnyWidth { public static int Vectors => 1; }

/// <summary>Tiles two vectors wide (32 floats, 16 doubles).</summary>
internal struct TwoVectors : ISkinnyWidth { public static int Vectors => 2; }

/// <summary>GemmV5Skinny's micro-kernel: 14 rows of an unpacked operand times a packed panel (file header).</summary>
internal static class SkinnyKernel<T, TV> where T : unmanaged, IFloatingPointIeee754<T> where TV : ISkinnyWidth
{
    /// <summary>Rows of a tile (rows of X).</summary>
    public const int MR = 14;
    // AggressiveInlining on these: the kernel inlines hundreds of helpers and exhausts the JIT's inlining budget,
    // after which a call to NR was left inside the p loop, spilling all 14 accumulators around it (measured:
    // V5 then ran at ~half V4's speed).
    static int W { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => Vector512<T>.Count; }
    /// <summary>Columns of a tile (values of Ỹ per packed row).</summary>
    public static int NR { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TV.Vectors * W; }
    static bool Two { [MethodImpl(MethodImplOptions.AggressiveInlining)] get => TV.Vectors == 2; }

    /// <summary>
    /// C[skip:mr, 0:nr] = alpha·X·Ỹ + beta·C over one tile, element (i, j) at c + i·ci + j·cj; X has 14 readable
    /// rows, Ỹ = y[kc][NR]. Rows below <paramref name="skip"/> are computed but not stored (GemmV5Skinny's last
    /// tile overlaps the one before instead of being packed). beta == 0 does not read C.
    /// </summary>
    [SkipLocalsInit, MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* x, long xi, long xp, T* y, T* c, long ci, long cj, T alpha, T beta,
        int skip, int mr, int nr)
    {
        Vector512<T> c0_0 = default, c0_1 = default, c1_0 = default, c1_1 = default;
        Vector512<T> c2_0 = default, c2_1 = default, c3_0 = default, c3_1 = default;
        Vector512<T> c4_0 = default, c4_1 = default, c5_0 = default, c5_1 = default;
        Vector512<T> c6_0 = default, c6_1 = default, c7_0 = default, c7_1 = default;
        Vector512<T> c8_0 = default, c8_1 = default, c9_0 = default, c9_1 = default;
        Vector512<T> c10_0 = default, c10_1 = default, c11_0 = default, c11_1 = default;
        Vector512<T> c12_0 = default, c12_1 = default, c13_0 = default, c13_1 = default;
        long o1 = xi, o2 = 2 * xi, o3 = 3 * xi, o4 = 4 * xi, o5 = 5 * xi, o6 = 6 * xi;
        T* x7 = x + 7 * xi;
        Vector512<T> av, b1 = default;
        int step = NR, w = W;   // read once, outside the loop
        for (int p = 0; p < kc; p++, x += xp, x7 += xp, y += step)
        {
            Vector512<T> b0 = Vector512.Load(y);
            if (Two) b1 = Vector512.Load(y + w);
            av = Vector512.Create(x[0]); c0_0 = Fma(av, b0, c0_0); if (Two) c0_1 = Fma(av, b1, c0_1);
            av = Vector512.Create(x[o1]); c1_0 = Fma(av, b0, c1_0); if (Two) c1_1 = Fma(av, b1, c1_1);
            av = Vector512.Create(x[o2]); c2_0 = Fma(av, b0, c2_0); if (Two) c2_1 = Fma(av, b1, c2_1);
            av = Vector512.Create(x[o3]); c3_0 = Fma(av, b0, c3_0); if (Two) c3_1 = Fma(av, b1, c3_1);
            av = Vector512.Create(x[o4]); c4_0 = Fma(av, b0, c4_0); if (Two) c4_1 = Fma(av, b1, c4_1);
            av = Vector512.Create(x[o5]); c5_0 = Fma(av, b0, c5_0); if (Two) c5_1 = Fma(av, b1, c5_1);
            av = Vector512.Create(x[o6]); c6_0 = Fma(av, b0, c6_0); if (Two) c6_1 = Fma(av, b1, c6_1);
            av = Vector512.Create(x7[0]); c7_0 = Fma(av, b0, c7_0); if (Two) c7_1 = Fma(av, b1, c7_1);
            av = Vector512.Create(x7[o1]); c8_0 = Fma(av, b0, c8_0); if (Two) c8_1 = Fma(av, b1, c8_1);
            av = Vector512.Create(x7[o2]); c9_0 = Fma(av, b0, c9_0); if (Two) c9_1 = Fma(av, b1, c9_1);
            av = Vector512.Create(x7[o3]); c10_0 = Fma(av, b0, c10_0); if (Two) c10_1 = Fma(av, b1, c10_1);
            av = Vector512.Create(x7[o4]); c11_0 = Fma(av, b0, c11_0); if (Two) c11_1 = Fma(av, b1, c11_1);
            av = Vector512.Create(x7[o5]); c12_0 = Fma(av, b0, c12_0); if (Two) c12_1 = Fma(av, b1, c12_1);
            av = Vector512.Create(x7[o6]); c13_0 = Fma(av, b0, c13_0); if (Two) c13_1 = Fma(av, b1, c13_1);
        }

        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        if (cj == 1 && skip == 0 && mr == MR && nr == NR)
        {
            StoreRow(c + 0 * ci, c0_0, c0_1, va, vb, beta);
            StoreRow(c + 1 * ci, c1_0, c1_1, va, vb, beta);
            StoreRow(c + 2 * ci, c2_0, c2_1, va, vb, beta);
            StoreRow(c + 3 * ci, c3_0, c3_1, va, vb, beta);
            StoreRow(c + 4 * ci, c4_0, c4_1, va, vb, beta);
            StoreRow(c + 5 * ci, c5_0, c5_1, va, vb, beta);
            StoreRow(c + 6 * ci, c6_0, c6_1, va, vb, beta);
            StoreRow(c + 7 * ci, c7_0, c7_1, va, vb, beta);
            StoreRow(c + 8 * ci, c8_0, c8_1, va, vb, beta);
            StoreRow(c + 9 * ci, c9_0, c9_1, va, vb, beta);
            StoreRow(c + 10 * ci, c10_0, c10_1, va, vb, beta);
            StoreRow(c + 11 * ci, c11_0, c11_1, va, vb, beta);
            StoreRow(c + 12 * ci, c12_0, c12_1, va, vb, beta);
            StoreRow(c + 13 * ci, c13_0, c13_1, va, vb, beta);
            return;
        }
        // Partial or transposed tile: spill to a stack tile (row stride NR), copy the mr×nr corner that exists.
        T* tile = stackalloc T[MR * 2 * Vector512<T>.Count];
        int s = NR;
        Spill(tile + 0 * s, c0_0, c0_1); Spill(tile + 1 * s, c1_0, c1_1);
        Spill(tile + 2 * s, c2_0, c2_1); Spill(tile + 3 * s, c3_0, c3_1);
        Spill(tile + 4 * s, c4_0, c4_1); Spill(tile + 5 * s, c5_0, c5_1);
        Spill(tile + 6 * s, c6_0, c6_1); Spill(tile + 7 * s, c7_0, c7_1);
        Spill(tile + 8 * s, c8_0, c8_1); Spill(tile + 9 * s, c9_0, c9_1);
        Spill(tile + 10 * s, c10_0, c10_1); Spill(tile + 11 * s, c11_0, c11_1);
        Spill(tile + 12 * s, c12_0, c12_1); Spill(tile + 13 * s, c13_0, c13_1);
        if (cj == 1)
        {
            // Rows of C: masked vector stores of the first nr columns (scalar stores cost ~3× as much on narrow C
            // such as A2's 10 columns).
            int n0 = Math.Min(nr, w), n1 = nr - n0;
            for (int i = skip; i < mr; i++)
            {
                StoreMasked(c + i * ci, Vector512.Load(tile + i * s), n0, va, vb, beta);
                if (Two && n1 > 0) StoreMasked(c + i * ci + w, Vector512.Load(tile + i * s + w), n1, va, vb, beta);
            }
            return;
        }
        MicroKernel.StorePartial(tile + skip * s, NR, c + skip * ci, ci, cj, alpha, beta, mr - skip, nr);
    }

    /// <summary>c[0:count] = alpha·x + beta·c[0:count] for count ≤ W, touching no element past count; beta == 0
    /// does not read c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void StoreMasked(T* c, Vector512<T> x, int count, Vector512<T> va, Vector512<T> vb, T beta)
    {
        Vector512<T> mask = Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(count)));
        Vector512<T> v = va * x;
        if (beta != T.Zero) v = Fma(vb, MaskLoad(c, mask), v);
        if (typeof(T) == typeof(float)) Avx512F.MaskStore((float*)c, mask.AsSingle(), v.AsSingle());
        else Avx512F.MaskStore((double*)c, mask.AsDouble(), v.AsDouble());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe Vector512<T> MaskLoad(T* c, Vector512<T> mask)
        => typeof(T) == typeof(float)
            ? Avx512F.MaskLoad((float*)c, mask.AsSingle(), Vector512<float>.Zero).As<float, T>()
            : Avx512F.MaskLoad((double*)c, mask.AsDouble(), Vector512<double>.Zero).As<double, T>();

    /// <summary>c[0:NR] = alpha·(x0, x1) + beta·c[0:NR]; beta == 0 does not read c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void StoreRow(T* c, Vector512<T> x0, Vector512<T> x1, Vector512<T> va, Vector512<T> vb, T beta)
    {
        if (beta == T.Zero)
        {
            (va * x0).Store(c);
            if (Two) (va * x1).Store(c + W);
        }
        else
        {
            Fma(vb, Vector512.Load(c), va * x0).Store(c);
            if (Two) Fma(vb, Vector512.Load(c + W), va * x1).Store(c + W);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static unsafe void Spill(T* row, Vector512<T> x0, Vector512<T> x1)
    {
        x0.Store(row);
        if (Two) x1.Store(row + W);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<T> Fma(Vector512<T> x, Vector512<T> y, Vector512<T> z) => MicroKernel512<T>.Fma(x, y, z);
}

// C = alpha·op(A)·op(B) + beta·C        op(A): (m, k)   op(B): (k, n)   C: (m, n)   all row-major
//
// Version 5: skinny and small products, min(m, n) ≤ 64 (A1's 512×10000·10000×16, the recurrent 8×1024·1024×4096,
// A2's and B2's small layers). Pack only the narrow operand; read the wide one in place.
// What changed from V4: V3/V4 pack both operands into 14×32 panels. When C has 16 columns, that costs twice over:
// packing op(A) moves all m·k values of the big operand once more (read, write, read again), for only n = 16
// uses of each, and the 32-wide micro-kernel computes 16 columns of zero padding. Here:
//   - the narrow side (op(B) when n ≤ m, else op(A)) is packed, k-block by k-block, into panels one or two
//     vectors wide (GemmPacking, the same packer V3 uses, with panel width 16 or 32 floats): k·min(m, n) values;
//   - the wide side is never packed: GemmSkinnyKernel reads 14 of its rows (or columns) through two strides,
//     whichever transposition it has, broadcasting one value per row per p;
//   - when n > m the roles swap ("mirrored"): the kernel computes tiles of Cᵀ = op(B)ᵀ·op(A)ᵀ and writes them
//     transposed. Scattered stores cost one per element of C, against k/16 FMAs each: cheap for k ≥ 16;
//   - the work splits over cores by rows of the wide side (each thread packs the narrow panel itself,
//     k·min(m, n) values), or, when there are too few rows and the packed side is wide, by its panels.
// Loop nest: pc (k blocks of KC = 256) → ir (14 rows of the wide side) → jr (panels of the narrow side, 1 or 2
// panels for ≤ 64 floats, so a 14×kc block of X is reused from L1). The last partial tile of rows is moved back
// to overlap the tile before (its shared rows computed twice, stored once), so the kernel never reads past the
// operand and nothing is packed; only with fewer than 14 rows in all are they packed, zero-padded.
// Determinism: each element of C is summed by one thread in a fixed order (k blocks in turn, p within one).
// Measured: see the header of Gemm.cs and benchmarks/RESULTS.md (the crossover against V4 and the workloads).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>GEMM version 5: skinny and small shapes; the narrow operand packed, the wide one read in place.
/// See <see cref="Gemm.Multiply{T}"/> for the contract.</summary>
public static class GemmV5Skinny
{
    /// <summary>Depth of a k block: one packed narrow panel of 256×32 floats is 32 KiB, in L1 like V3's.</summary>
    internal const int KC = 256;

    /// <summary>
    /// m·n·k from which V5 splits the wide side over the cores: 160³. Lower than V4's 300³ because V5's threads
    /// only duplicate the small packing of the narrow side. Measured (2 cores, square NN): 128³ 22.9 µs on one
    /// thread, 32.8 on two; 192³ 71 vs 59; 256³ 170 vs 117.
    /// </summary>
    internal const long ParallelThreshold = 160L * 160 * 160;

    /// <summary>Whether this machine runs V5's kernel (AVX-512, float or double); else callers use V4.</summary>
    public static bool IsSupported<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => Vector512.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <inheritdoc cref="Gemm.Multiply{T}"/>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
        => Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, Environment.ProcessorCount);

    /// <summary>V5 with a chosen thread count and size threshold (tests force the parallel split with it).</summary>
    internal static unsafe void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc, int threads, long threshold = ParallelThreshold,
        bool? mirrored = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsSupported<T>())
        {
            GemmV4Parallel.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }
        Gemm.Validate(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == T.Zero) { Gemm.ScaleC(m, n, beta, c, ldc); return; }
        fixed (T* pa = a, pb = b, pc = c)
        {
            var g = Geometry<T>.Of(mirrored ?? Mirror<T>(m, n, k), transA, transB, m, n, pa, lda, pb, ldb, ldc);
            const int MR = SkinnyKernel<T, OneVector>.MR;
            int NR = g.Cols <= Vector512<T>.Count ? Vector512<T>.Count : 2 * Vector512<T>.Count;
            int tilesR = (g.Rows + MR - 1) / MR, tilesC = (g.Cols + NR - 1) / NR;
            // Split the rows of tiles (each thread packs all of the narrow Y, which is small), unless there are
            // too few of them and Y is wide: then its panels (each thread packs its own columns of Y), as V4 does.
            bool splitRows = tilesR >= threads && (g.Rows >= g.Cols || tilesC < threads);
            int parts = Math.Min(threads, splitRows ? tilesR : tilesC);
            if (parts < 2 || (long)m * n * k < threshold)
            {
                Run(g, 0, g.Rows, 0, g.Cols, k, alpha, beta, pc);
                return;
            }
            T* C = pc;
            Parallel.For(0, parts, part =>
            {
                // Whole tiles (panels), shared as evenly as they allow.
                int tiles = splitRows ? tilesR : tilesC, size = splitRows ? MR : NR, all = splitRows ? g.Rows : g.Cols;
                int s0 = (int)((long)tiles * part / parts) * size;
                int s1 = Math.Min(all, (int)((long)tiles * (part + 1) / parts) * size);
                if (splitRows) Run(g, s0, s1, 0, g.Cols, k, alpha, beta, C);
                else Run(g, 0, g.Rows, s0, s1, k, alpha, beta, C);
            });
        }
    }

    /// <summary>
    /// Whether to run mirrored (tiles of Cᵀ, op(A) packed, op(B) read in place): when C is wider than tall, at most
    /// one vector tall, and k is deep enough for the transposed stores to be paid for.
    /// </summary>
    /// <remarks>Measured (2 cores, n = 512): with m = 16 and k = 128, mirrored 23.5 µs against 28.2 plain (NN) and
    /// 71.4 (NT, where plain must transpose all of op(B)); with k = 32 mirrored loses (13.4 vs 8.9), and from
    /// m = 48 it loses at every k measured (e.g. 48×512×512 NN 250 vs 175): its stores of C are scattered, one per
    /// element, and a tile two vectors wide writes 32 of them per row of Cᵀ.</remarks>
    internal static bool Mirror<T>(int m, int n, int k) where T : unmanaged
        => n > m && m <= Vector512<T>.Count && k >= MirrorMinK;

    /// <summary>Depth from which the mirrored orientation pays for its scattered stores of C.</summary>
    internal const int MirrorMinK = 128;

    /// <summary>
    /// Where the wide operand X and the narrow operand Y are, in the kernel's terms: X[r, p] = x[r·xi + p·xp] for
    /// r &lt; Rows (rows of C, or columns when mirrored); Y is packed from op(B) (or op(A) when mirrored), Cols wide;
    /// tile element (r, s) of the product lands at c[r·ci + s·cj].
    /// </summary>
    readonly unsafe struct Geometry<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly bool Mirrored, TransY;
        public readonly int Rows, Cols, Ldy;
        public readonly T* X, Y;
        public readonly long Xi, Xp, Ci, Cj;

        Geometry(bool mirrored, bool transY, int rows, int cols, T* x, long xi, long xp, T* y, int ldy,
            long ci, long cj)
        {
            (Mirrored, TransY, Rows, Cols, Xi, Xp, Ldy, Ci, Cj) = (mirrored, transY, rows, cols, xi, xp, ldy, ci, cj);
            X = x;
            Y = y;
        }

        public static Geometry<T> Of(bool mirrored, bool transA, bool transB, int m, int n, T* a, int lda, T* b,
            int ldb, int ldc)
            // Plain: X = op(A), op(A)[i, p] = a[i·lda + p] (or a[p·lda + i]); Y = op(B), C in rows.
            // Mirrored: X = op(B)ᵀ, op(B)[p, j] = b[p·ldb + j] (or b[j·ldb + p]); Y = op(A)ᵀ, C transposed.
            => !mirrored
                ? new(false, transB, m, n, a, transA ? 1 : lda, transA ? lda : 1, b, ldb, ldc, 1)
                : new(true, transA, n, m, b, transB ? ldb : 1, transB ? 1 : ldb, a, lda, 1, ldc);
    }

    /// <summary>The loop nest of the file header for rows [r0, r1) of the wide side and columns [s0, s1) of the
    /// narrow one, on the calling thread.</summary>
    static unsafe void Run<T>(in Geometry<T> g, int r0, int r1, int s0, int s1, int k, T alpha, T beta, T* c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // One panel width for the whole of Y (the width tested here is the one the split above assumed).
        if (g.Cols <= Vector512<T>.Count) Run<T, OneVector>(g, r0, r1, s0, s1, k, alpha, beta, c);
        else Run<T, TwoVectors>(g, r0, r1, s0, s1, k, alpha, beta, c);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static unsafe void Run<T, TV>(in Geometry<T> g, int r0, int r1, int s0, int s1, int k, T alpha, T beta, T* c)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : ISkinnyWidth
    {
        const int MR = SkinnyKernel<T, TV>.MR;
        int NR = SkinnyKernel<T, TV>.NR;
        int kcMax = Math.Min(KC, k), cols = s1 - s0;
        c += s0 * g.Cj;
        T* packY = PackBuffers<T>.B((cols + NR - 1) / NR * NR * kcMax);
        T* packTail = g.Rows < MR ? PackBuffers<T>.A(MR * kcMax) : null;
        for (int pc = 0; pc < k; pc += KC)
        {
            int kc = Math.Min(KC, k - pc);
            // Y block = rows pc..pc+kc of op(B) (or of op(A)ᵀ), in panels of NR.
            if (g.Mirrored) GemmPacking.PackA(g.TransY, g.Y, g.Ldy, s0, pc, cols, kc, NR, packY);
            else GemmPacking.PackB(g.TransY, g.Y, g.Ldy, pc, s0, kc, cols, NR, packY);
            T betaBlock = pc == 0 ? beta : T.One;      // beta once, then accumulate
            for (int ir = r0; ir < r1; ir += MR)
            {
                int mr = Math.Min(MR, r1 - ir), skip = 0, first = ir;
                long xi = g.Xi, xp = g.Xp;
                T* x;
                if (mr == MR) x = g.X + ir * xi + pc * xp;
                else if (g.Rows >= MR)
                {
                    // The last rows: run a whole tile ending at the last row and store only its new rows (the
                    // rows it shares with the tile before come out the same and are not written twice).
                    skip = MR - mr;
                    first = ir - skip;
                    x = g.X + first * xi + pc * xp;
                }
                else
                {
                    // Fewer than 14 rows in all: pack them, zero-padded, so the kernel reads nothing past X.
                    GemmPacking.PackPanels(g.X + ir * xi + pc * xp, xi, xp, mr, kc, MR, packTail);
                    x = packTail;
                    (xi, xp) = (1, MR);
                }
                for (int jr = 0; jr < cols; jr += NR)
                    SkinnyKernel<T, TV>.Run(kc, x, xi, xp, packY + jr * kc, c + first * g.Ci + jr * g.Cj, g.Ci, g.Cj,
                        alpha, betaBlock, skip, skip + mr, Math.Min(NR, cols - jr));
            }
        }
    }
}

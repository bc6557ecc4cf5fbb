// C = alpha·op(A)·op(B) + beta·C        op(A): (m, k)   op(B): (k, n)   C: (m, n)   all row-major
//
// Version 4: V3 on every core, each core owning a slice of C.
// What changed from V3: C is cut into P slices (P = cores), along its rows when it is at least as tall as it
// is wide, else along its columns; each slice is an independent GEMM (C[rows, :] = op(A)[rows, :]·op(B), or
// C[:, cols] = op(A)·op(B)[:, cols]) that V3's loop nest runs on its own thread with its own packing
// buffers. No locks, no barriers: one Parallel.For per call.
//   The price: each thread packs the operand it shares in full (all of op(B) when C is split by rows). Rows
//   are split when m ≥ n because the duplicated copy, k·n, is then the smaller one. At 1024³ on 2 cores that
//   duplicated packing costs ~4 % (estimated from V3's packing profile, not measured apart); sharing one
//   packed B̃ between the threads (BLIS's way) would save it at the price of a barrier per packing step.
//   Slices are whole MR (NR) tiles, so no tile straddles two threads; tile counts differ by at most one.
// Small problems stay on one thread: Parallel.For hands the second slice to a thread-pool worker that is
// usually asleep, and waking it costs tens of microseconds, as long as a 128³ multiply takes; if the caller
// finishes its slice first, it runs the other one itself, serially. Measured: V4 was slower than V3 up to
// 256³ (e.g. 128³: ~100 vs ~130 GFLOP/s), so ParallelThreshold = 300³ multiply-adds.
// Measured (Zen 5, float, 2 cores, 1024³): 310–390 GFLOP/s, i.e. 1.5–1.9× V3; the spread is the machine
// (shared) and the thread-pool wake-up. A dedicated worker thread that spins ~50 µs between jobs
// (OpenBLAS's way) was tried; in the runs made it was no steadier and slower at 128³, so the simpler
// Parallel.For stayed. Worth retrying with a quieter machine.
using System.Numerics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>GEMM version 4: V3's packed SIMD kernel on all cores, each owning a slice of C.
/// See <see cref="Gemm.Multiply{T}"/> for the contract.</summary>
public static class GemmV4Parallel
{
    /// <summary>
    /// m·n·k below which the call stays on the calling thread (fork/join would cost more than it saves).
    /// </summary>
    internal const long ParallelThreshold = 300L * 300 * 300;

    /// <inheritdoc cref="Gemm.Multiply{T}"/>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (MicroKernel512<T>.IsSupported)
            Multiply<T, MicroKernel512<T>>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc,
                Environment.ProcessorCount);
        else if (MicroKernel256<T>.IsSupported)
            Multiply<T, MicroKernel256<T>>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc,
                Environment.ProcessorCount);
        else if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
            Multiply<T, MicroKernelScalar<T>>(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc,
                Environment.ProcessorCount);
        else   // Half, NFloat, ...: correctness over speed, the reference loop.
            GemmV1Naive.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>V4 with a chosen micro-kernel and thread count (tests force the parallel path with it).</summary>
    internal static unsafe void Multiply<T, TK>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc, int threads, long threshold = ParallelThreshold)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : IGemmMicroKernel<T>
    {
        Gemm.Validate(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == T.Zero) { Gemm.ScaleC(m, n, beta, c, ldc); return; }

        int tilesM = (m + TK.MR - 1) / TK.MR, tilesN = (n + TK.NR - 1) / TK.NR;
        bool splitRows = tilesM >= threads && (m >= n || tilesN < threads);
        int parts = Math.Min(threads, splitRows ? tilesM : tilesN);
        fixed (T* pa = a, pb = b, pc = c)
        {
            if (parts < 2 || (long)m * n * k < threshold)
            {
                GemmV3Packed.Run<T, TK>(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
                return;
            }
            // Pointers, not spans, cross into the lambda (a span cannot be captured); fixed holds them still
            // until Parallel.For returns.
            T* A = pa, B = pb, C = pc;
            Parallel.For(0, parts, part =>
            {
                if (splitRows)
                {
                    // Rows [i0, i1) of C: whole MR tiles, shared as evenly as tiles allow.
                    int i0 = TileStart(part, parts, tilesM, TK.MR, m),
                        i1 = TileStart(part + 1, parts, tilesM, TK.MR, m);
                    T* aSlice = transA ? A + i0 : A + (long)i0 * lda;      // op(A)[i0, 0]
                    GemmV3Packed.Run<T, TK>(transA, transB, i1 - i0, n, k, alpha, aSlice, lda, B, ldb, beta,
                        C + (long)i0 * ldc, ldc);
                }
                else
                {
                    int j0 = TileStart(part, parts, tilesN, TK.NR, n),
                        j1 = TileStart(part + 1, parts, tilesN, TK.NR, n);
                    T* bSlice = transB ? B + (long)j0 * ldb : B + j0;      // op(B)[0, j0]
                    GemmV3Packed.Run<T, TK>(transA, transB, m, j1 - j0, k, alpha, A, lda, bSlice, ldb, beta,
                        C + j0, ldc);
                }
            });
        }
    }

    /// <summary>First row (column) of slice <paramref name="part"/> when <paramref name="tiles"/> tiles of
    /// <paramref name="tile"/> lines are shared among <paramref name="parts"/> slices; capped at
    /// <paramref name="size"/>.</summary>
    static int TileStart(int part, int parts, int tiles, int tile, int size)
        => Math.Min(size, (int)((long)tiles * part / parts) * tile);
}


// Ã = pack(op(A)[i0:i0+mc, p0:p0+kc])   Ã: ⌈mc/MR⌉ panels of (kc, MR)
// B̃ = pack(op(B)[p0:p0+kc, j0:j0+nc])   B̃: ⌈nc/NR⌉ panels of (kc, NR)
//
// Packing copies a block of each operand into the exact order the micro-kernel reads it:
//   A panel r holds rows r·MR .. r·MR+MR-1, column by column: Ã[r][p][i] = op(A)[i0 + r·MR + i, p0 + p]
//   B panel s holds cols s·NR .. s·NR+NR-1, row by row:       B̃[s][p][j] = op(B)[p0 + p, j0 + s·NR + j]
// Why bother copying: (1) the micro-kernel then reads both operands with unit stride, so every cache line
// and TLB page it touches is used in full and the hardware prefetcher follows it; (2) rows of a matrix whose
// stride is a power of two all map to the same L1 set, and packing removes those conflict misses; (3) the
// transposes are done here, once per block, so op(A) and op(B) need no transposed copy of the matrix.
// The last panel is zero-padded to MR (NR): the kernel always computes a full tile, the zeros add nothing.
//
// Both packings are one operation: cut a (count × kc) matrix X, X[i, p] = src[i·si + p·sp], into panels of
// R lines. For A, i is a row of op(A) (R = MR); for B, i is a column of op(B) (R = NR). Which of si, sp is
// 1 depends on the transposition, and decides the walk:
//   si == 1 (A transposed, B not): a panel line is a contiguous run of memory; stream the source row by row
//            and copy runs of R. Walking panel by panel instead jumps a whole matrix row every R values,
//            a new page each time at 1024 floats a row, and was 2.5× slower (measured in situ, 1024³).
//   sp == 1 (A not transposed, B transposed): an R×kc transpose; for each p gather one value from each of
//            the R source rows. The R rows are read side by side, so R cache-line misses are in flight at
//            once; walking one row at a time (scattering with stride R) waits on one miss after another and
//            was 1.8× slower in situ, though faster when the source is already in L1.
// Cost after those fixes: ~12 % of a 1024³ SGEMM on one core (it was 18 %); the remaining gap to OpenBLAS
// is mostly here (its packing routines are hand-vectorised assembly).
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeepSeq.Kernels.Cpu;

/// <summary>Packs blocks of op(A) and op(B) into micro-kernel panels (layouts in the file header).</summary>
internal static class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0:i0+mc, p0:p0+kc] into ⌈mc/MR⌉ zero-padded (kc, MR) panels at <paramref name="dst"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void PackA<T, TK>(bool transA, T* a, int lda, int i0, int p0, int mc, int kc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : IGemmMicroKernel<T>
        => PackA(transA, a, lda, i0, p0, mc, kc, TK.MR, dst);

    /// <summary><see cref="PackA{T, TK}"/> into panels of <paramref name="R"/> lines (V5 packs op(A) as the
    /// narrow operand, in panels of its own width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]   // so R is a constant in each caller
    public static unsafe void PackA<T>(bool transA, T* a, int lda, int i0, int p0, int mc, int kc, int R, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // op(A)[i, p] is a[i·lda + p], or a[p·lda + i] when A is stored transposed.
        T* origin = transA ? a + (long)p0 * lda + i0 : a + (long)i0 * lda + p0;
        if (transA) PackPanels(origin, 1, lda, mc, kc, R, dst);
        else PackPanels(origin, lda, 1, mc, kc, R, dst);
    }

    /// <summary>
    /// Packs op(B)[p0:p0+kc, j0:j0+nc] into ⌈nc/NR⌉ zero-padded (kc, NR) panels at <paramref name="dst"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void PackB<T, TK>(bool transB, T* b, int ldb, int p0, int j0, int kc, int nc, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : IGemmMicroKernel<T>
        => PackB(transB, b, ldb, p0, j0, kc, nc, TK.NR, dst);

    /// <summary><see cref="PackB{T, TK}"/> into panels of <paramref name="R"/> lines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]   // so R is a constant in each caller
    public static unsafe void PackB<T>(bool transB, T* b, int ldb, int p0, int j0, int kc, int nc, int R, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // op(B)[p, j] is b[p·ldb + j], or b[j·ldb + p] when B is stored transposed; panel lines run over j.
        T* origin = transB ? b + (long)j0 * ldb + p0 : b + (long)p0 * ldb + j0;
        if (transB) PackPanels(origin, ldb, 1, nc, kc, R, dst);
        else PackPanels(origin, 1, ldb, nc, kc, R, dst);
    }

    /// <summary>dst[panel][p][i] = X[panel·R + i, p] with X[i, p] = src[i·si + p·sp], i &lt; count, p &lt; kc;
    /// lines past <paramref name="count"/> are zero. One of si, sp is 1 (V5 also packs the last, partial
    /// row tile of its unpacked operand with it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]   // so R is a constant in each caller
    internal static unsafe void PackPanels<T>(T* src, long si, long sp, int count, int kc, int R, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int full = count / R * R;          // lines in whole panels
        int rest = count - full;           // lines in the zero-padded last panel
        if (si == 1)
        {
            // Stream source row p once, dropping R-value runs into each panel's row p.
            for (int p = 0; p < kc; p++)
            {
                T* s = src + p * sp;
                T* d = dst + p * R;
                for (int i = 0; i < full; i += R, d += (long)R * kc)
                    Unsafe.CopyBlockUnaligned(d, s + i, (uint)(R * sizeof(T)));
                if (rest > 0)
                {
                    for (int i = 0; i < rest; i++) d[i] = s[full + i];
                    for (int i = rest; i < R; i++) d[i] = T.Zero;
                }
            }
        }
        else
        {
            // Transpose: per p, gather one value from each of the R source rows of the panel.
            int L = 64 / sizeof(T);
            for (int i0 = 0; i0 < count; i0 += R, dst += (long)R * kc)
            {
                int lines = Math.Min(R, count - i0);
                T* s = src + i0 * si;
                T* d = dst;
                if (lines == R)
                {
                    int p = 0;
                    for (; p + L <= kc; p += L, d += L * R)
                        for (int i = 0; i < R; i++)
                        {
                            T* si_ = s + i * si + p;
                            for (int q = 0; q < L; q++) d[q * R + i] = si_[q];
                        }
                    for (; p < kc; p++, d += R)
                        for (int i = 0; i < R; i++) d[i] = s[i * si + p];
                }
                else
                    for (int p = 0; p < kc; p++, d += R)
                    {
                        for (int i = 0; i < lines; i++) d[i] = s[i * si + p];
                        for (int i = lines; i < R; i++) d[i] = T.Zero;
                    }
            }
        }
    }
}

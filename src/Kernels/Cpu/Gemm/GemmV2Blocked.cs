// C = alpha·op(A)·op(B) + beta·C        op(A): (m, k)   op(B): (k, n)   C: (m, n)   all row-major
//
// Version 2: change the loop order and block for the cache; still generic over T.
// What changed from V1:
//   1. Loop order i-p-j instead of i-j-p: C[i, :] += op(A)[i,p] · op(B)[p, :]. The inner loop now walks a row
//      of op(B) and a row of C, both contiguous, so it is an "axpy" that System.Numerics.Vector<T> vectorises
//      (8 floats per instruction here) and the adds of one C element no longer form one long chain.
//   2. Blocking: the j and p loops are cut into NC2 × KC2 tiles, so the KC2×NC2 block of op(B) (256 KiB of
//      floats) stays in the 1 MiB L2 while every row i of A streams past it, and the NC2-wide slice of a C
//      row (1 KiB) stays in L1 across the KC2 updates.
// Measured (Zen 5, float, single core): ~13–15 GFLOP/s at 512³ (V1: ~2), about 1/18 of one core's peak.
// What is still wrong: every FMA loads and stores C (2 memory operations per FMA), so the core waits on the
// load/store ports, not the FMA units; and with transB a row of op(B) is a strided column of B, which falls
// back to a scalar loop. V3 fixes both: packing + a micro-kernel that keeps a tile of C in registers.
using System.Numerics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>GEMM version 2: i-p-j loop order, cache blocking, vectorised row update.
/// See <see cref="Gemm.Multiply{T}"/> for the contract.</summary>
public static class GemmV2Blocked
{
    // 256×256 floats = 256 KiB of op(B) per tile: a quarter of Zen 5's 1 MiB L2, leaving room for A and C.
    const int KC2 = 256, NC2 = 256;

    /// <inheritdoc cref="Gemm.Multiply{T}"/>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Gemm.Validate(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        // Scale C by beta once up front, then only accumulate: C += alpha·op(A)·op(B).
        Gemm.ScaleC(m, n, beta, c, ldc);
        if (k == 0 || alpha == T.Zero) return;

        for (int jc = 0; jc < n; jc += NC2)
        {
            int nc = Math.Min(NC2, n - jc);
            for (int pc = 0; pc < k; pc += KC2)
            {
                int kc = Math.Min(KC2, k - pc);
                for (int i = 0; i < m; i++)
                {
                    Span<T> cRow = c.Slice(i * ldc + jc, nc);
                    for (int p = pc; p < pc + kc; p++)
                    {
                        T s = alpha * (transA ? a[p * lda + i] : a[i * lda + p]);   // alpha·op(A)[i,p]
                        if (!transB)
                            Axpy(s, b.Slice(p * ldb + jc, nc), cRow);                 // op(B)[p, jc..] is a row of B
                        else
                            for (int j = 0; j < nc; j++) cRow[j] += s * b[(jc + j) * ldb + p];   // a column of B
                    }
                }
            }
        }
    }

    /// <summary>y += s·x, with Vector&lt;T&gt; where the hardware supports T.</summary>
    static void Axpy<T>(T s, ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<T>.IsSupported)
        {
            var vs = new Vector<T>(s);
            for (; j <= y.Length - Vector<T>.Count; j += Vector<T>.Count)
                (new Vector<T>(y.Slice(j)) + vs * new Vector<T>(x.Slice(j))).CopyTo(y.Slice(j));
        }
        for (; j < y.Length; j++) y[j] += s * x[j];
    }
}

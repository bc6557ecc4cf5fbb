// C = alpha·op(A)·op(B) + beta·C        op(A): (m, k)   op(B): (k, n)   C: (m, n)   all row-major
//
// Version 1: the plain triple loop, straight from the formula C[i,j] = Σ_p op(A)[i,p]·op(B)[p,j].
// It is the reference every faster version is tested against, so it stays dead simple: generic over T,
// spans with bounds checks, one dot product per element of C.
//
// Measured (Zen 5, float, single core): ~2 GFLOP/s at 512³, about 1/125 of one core's FMA peak.
// Why so slow: the inner loop walks op(B) down a column, a stride of ldb elements, so each step touches a
// new cache line; nothing is vectorised; and each C[i,j] waits on a chain of dependent adds.
using System.Numerics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>GEMM version 1: the reference triple loop. See <see cref="Gemm.Multiply{T}"/> for the contract.</summary>
public static class GemmV1Naive
{
    /// <inheritdoc cref="Gemm.Multiply{T}"/>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Gemm.Validate(transA, transB, m, n, k, a, lda, b, ldb, c, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T aip = transA ? a[p * lda + i] : a[i * lda + p];   // op(A)[i,p]
                    T bpj = transB ? b[j * ldb + p] : b[p * ldb + j];   // op(B)[p,j]
                    sum += aip * bpj;
                }
                // beta == 0 must not read C: 0·NaN would be NaN, and BLAS promises C is just overwritten.
                ref T cij = ref c[i * ldc + j];
                cij = beta == T.Zero ? alpha * sum : alpha * sum + beta * cij;
            }
        }
    }
}

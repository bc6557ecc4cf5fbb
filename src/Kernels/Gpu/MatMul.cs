using System.Numerics;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>
/// ILGPU twin of <see cref="Cpu.MatMul"/>: C[b] = A[b] · B[b] for views A: (batch…, M, K), B: (batch…, K, N)
/// whose batch dimensions agree (a broadcast one has stride 0); C: (batch…, M, N).
/// </summary>
/// <remarks>
/// Version 1, naive: one thread per output element, a dot product of length K read straight through
/// the operands' strides (so a transposed operand costs nothing extra but uncoalesced reads).
/// It proves the device seam; the tiled shared-memory kernel belongs to the GPU issue.
/// </remarks>
public static class MatMul
{
    /// <summary>
    /// C[b, r, col] = Σₚ A[b, r, p] · B[b, p, col], one output element per thread, p = 0 … K−1 in order.
    /// </summary>
    public static void Strided<T>(Index1D i, ArrayView<T> c, StridedLayout cLayout, ArrayView<T> a,
        StridedLayout aLayout, ArrayView<T> b, StridedLayout bLayout) where T : unmanaged, INumber<T>
    {
        int rank = cLayout.Rank;
        int m = cLayout.Shape[rank - 2], n = cLayout.Shape[rank - 1], k = aLayout.Shape[rank - 1];
        int row = i / n, col = i % n;                    // row runs over batch × M
        int batch = row / m, r = row % m;
        int aStart = aLayout.OffsetOfBatch(batch) + r * aLayout.Strides[rank - 2];     // A[batch, r, 0]
        int bStart = bLayout.OffsetOfBatch(batch) + col * bLayout.Strides[rank - 1];   // B[batch, 0, col]
        int aStep = aLayout.Strides[rank - 1], bStep = bLayout.Strides[rank - 2];
        T sum = T.Zero;
        for (int p = 0; p < k; p++) sum += a[aStart + p * aStep] * b[bStart + p * bStep];
        c[cLayout.OffsetOf(i)] = sum;
    }
}

// C[b] = A[b] · B[b]      A: (batch…, M, K)   B: (batch…, K, N)   C: (batch…, M, N), batch dims already broadcast
//
// The strided front of the packed GEMM in Gemm/: it turns three views into BLAS-style calls of
// Gemm.Multiply, one per matrix of the batch. The GPU twin (Gpu/MatMul.cs) gets the same views.

using System.Numerics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// Batched matrix product over strided views: c = a · b for views (batch…, M, K) and (batch…, K, N)
/// whose batch dimensions agree (a broadcast one has stride 0); c is dense (batch…, M, N), so only
/// <c>cLayout</c>'s shape is read.
/// </summary>
public static class MatMul
{
    /// <summary>
    /// One <see cref="Gemm.Multiply{T}"/> call per matrix of the batch. Each operand's two inner strides say
    /// how to read it: unit column stride is row-major, unit row stride is a transposed read (no copy);
    /// anything else (a sliced or broadcast inner dimension) is first copied to a dense block.
    /// </summary>
    public static void Strided<T>(T[] c, in StridedLayout cLayout, T[] a, in StridedLayout aLayout, T[] b,
        in StridedLayout bLayout)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = cLayout.Rank;
        int m = cLayout.Shape[rank - 2], n = cLayout.Shape[rank - 1], k = aLayout.Shape[rank - 1];
        int batch = m * n == 0 ? 0 : cLayout.Size / (m * n);
        var (aData, aT, lda, aLay) = Operand(a, aLayout);
        var (bData, bT, ldb, bLay) = Operand(b, bLayout);
        for (int i = 0; i < batch; i++)
            Gemm.Multiply(aT, bT, m, n, k, T.One, aData.AsSpan(aLay.OffsetOfBatch(i)), lda,
                bData.AsSpan(bLay.OffsetOfBatch(i)), ldb, T.Zero, c.AsSpan(i * m * n, m * n), n);
    }

    // Returns the array to read, whether it is transposed, its leading dimension, and the layout to find batch starts
    // in.
    private static (T[] Data, bool Transposed, int Ld, StridedLayout Layout) Operand<T>(T[] data, StridedLayout layout)
        where T : unmanaged, INumber<T>
    {
        int rank = layout.Rank;
        int rows = layout.Shape[rank - 2], cols = layout.Shape[rank - 1];
        int rowStride = layout.Strides[rank - 2], colStride = layout.Strides[rank - 1];
        // A single row or column has no leading dimension to speak of: any stride reads it.
        if (colStride == 1 && (rows == 1 || rowStride >= cols))
            return (data, false, rows == 1 ? Math.Max(cols, 1) : rowStride, layout);
        if (rowStride == 1 && (cols == 1 || colStride >= rows))
            return (data, true, cols == 1 ? Math.Max(rows, 1) : colStride, layout);
        // A dense copy of each distinct matrix: a broadcast batch dimension (stride 0) is copied once and
        // keeps stride 0 in the layout handed back, so a huge broadcast batch costs no memory.
        var source = layout;
        for (int d = 0; d < rank - 2; d++)
            if (layout.Strides[d] == 0) source = source.WithShape(d, 1);
        var shape = new int[rank];
        for (int d = 0; d < rank; d++) shape[d] = source.Shape[d];
        var dense = StridedLayout.RowMajor(shape);
        var copy = new T[dense.Size];
        Map.Strided<T, T, IdentityOp<T>>(copy, dense, data, source);
        var view = dense;
        for (int d = 0; d < rank - 2; d++)
            if (layout.Strides[d] == 0) view = view.WithShape(d, layout.Shape[d]).WithStride(d, 0);
        return (copy, false, Math.Max(cols, 1), view);
    }
}

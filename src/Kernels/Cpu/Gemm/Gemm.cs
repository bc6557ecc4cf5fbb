// C = alpha·op(A)·op(B) + beta·C        op(A): (m, k)   op(B): (k, n)   C: (m, n)   all row-major
//
// The one GEMM entry point of DeepSeq. Every matmul, linear layer and convolution-as-GEMM ends here.
// The numbered versions beside this file show how it got fast, each tested against the one before:
//   GemmV1Naive      plain triple loop, generic; the reference                      ~  2   GFLOP/s @ 512³
//   GemmV2Blocked    i-p-j loop order + cache blocking + Vector<T> row update        ~ 14   GFLOP/s @ 512³
//   GemmV3Packed     packed panels + 14×32 register-blocked FMA micro-kernel, 1 core ~200   GFLOP/s @ 1024³
//   GemmV4Parallel   V3 on each core's slice of C, above a size threshold           ~370   GFLOP/s @ 1024³
//   GemmV5Skinny     only the narrow operand packed, the wide one read in place;   ~130   GFLOP/s @ 512×10000×16
//                    14×16 / 14×32 tiles; mirrored (tiles of Cᵀ) for short wide C    (V4: ~40; OpenBLAS ~60)
// (float; 2-core AMD EPYC Zen 5, FMA peak ~500 GFLOP/s; OpenBLAS-AVX512 ~420 in the same run. See
// benchmarks/RESULTS.md for the measured journey.)
// Which version runs: UseSkinny below, the one dispatch rule (V5 for skinny and small shapes, V4 otherwise).
using System.Numerics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// General matrix multiply, <c>C = alpha·op(A)·op(B) + beta·C</c>, with the semantics of
/// <c>cblas_?gemm(CblasRowMajor, ...)</c>.
/// </summary>
public static class Gemm
{
    /// <summary>C = alpha·op(A)·op(B) + beta·C, row-major, like <c>cblas_?gemm(CblasRowMajor, ...)</c>.</summary>
    /// <remarks>
    /// op(A) is m×k (A stored k×m when <paramref name="transA"/>), op(B) is k×n (B stored n×k when
    /// <paramref name="transB"/>). <paramref name="lda"/>/<paramref name="ldb"/>/<paramref name="ldc"/> are row
    /// strides in elements. <c>beta == 0</c> means C is overwritten (NaNs in C ignored, as BLAS does); with
    /// <c>k == 0</c> or <c>alpha == 0</c>, A and B are not read and C = beta·C.
    /// float and double run the packed SIMD kernel on all cores; other T (Half, NFloat) run the reference loop.
    /// </remarks>
    /// <exception cref="ArgumentException">A size is negative, a leading dimension is smaller than its row,
    /// or a span is too short for the sizes given.</exception>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The production choice, in one line: V5 for skinny and small shapes, else V4 (see UseSkinny).
        if (UseSkinny<T>(m, n, k)) GemmV5Skinny.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else GemmV4Parallel.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>
    /// The dispatch rule: V5 (narrow operand packed, wide one read in place) when C has at most
    /// <see cref="SkinnyMax"/> rows or columns, or the whole product is at most 512³ multiply-adds; V4 otherwise.
    /// </summary>
    /// <remarks>Measured on 2 cores (benchmarks `--quick --crossovers`, RESULTS.md): V5 was faster than V4 or level
    /// with it over the grid (narrow side 16…128 against 512, k = 32…512, each transposition; squares 128³…512³),
    /// by 1.2–6× where C is 16–64 wide and 1.2–2× on NN squares (two threads from 160³); it lost on 128×512×512 NT
    /// (397 vs 334 µs) and 512³ TT (1422 vs 1172 µs). Above 512³ V5 was not measured, so V4 keeps those.</remarks>
    internal static bool UseSkinny<T>(int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
        => GemmV5Skinny.IsSupported<T>() && (Math.Min(m, n) <= SkinnyMax || (long)m * n * k <= SmallMax);

    /// <summary>Largest min(m, n) V5 serves at any size. Not 128: the input projection 64000×32×128 ran at
    /// 4.9 ms in V5 against V4's 3.1–3.5 ms in two runs.</summary>
    internal const int SkinnyMax = 64;

    /// <summary>Largest m·n·k V5 serves whatever the shape: 512³.</summary>
    internal const long SmallMax = 512L * 512 * 512;

    /// <summary>
    /// <see cref="Multiply{T}"/> on the calling thread only (V5 or V3, or the reference loop for types without a
    /// SIMD kernel): for callers that run many small GEMMs in parallel themselves, such as the convolution's blocks.
    /// </summary>
    internal static void MultiplyOnThisThread<T>(bool transA, bool transB, int m, int n, int k,
        T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb,
        T beta, Span<T> c, int ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The same rule as Multiply, on one thread.
        if (UseSkinny<T>(m, n, k))
            GemmV5Skinny.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads: 1);
        else if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
            GemmV3Packed.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        else
            GemmV1Naive.Multiply(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless the sizes, strides and spans describe a valid GEMM.
    /// Every version calls this first, so a bad call fails the same way whichever version runs.
    /// </summary>
    internal static void Validate<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentException($"gemm: sizes must be >= 0, got m={m}, n={n}, k={k}.");
        // Stored shape of each operand: A is m×k, or k×m when transposed; B is k×n, or n×k.
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        CheckOperand("A", "lda", a.Length, aRows, aCols, lda, transA);
        CheckOperand("B", "ldb", b.Length, bRows, bCols, ldb, transB);
        CheckOperand("C", "ldc", c.Length, m, n, ldc, transposed: false);
    }

    static void CheckOperand(string name, string ldName, int length, int rows, int cols, int ld, bool transposed)
    {
        // The message is built only on failure: formatting it on every call cost ~100 ns, most of a tiny GEMM.
        string Stored() => $"{name} stored {rows}×{cols}{(transposed ? " (transposed)" : "")}";
        // BLAS rule: the row stride covers at least one row, and is at least 1 even for empty rows.
        if (ld < Math.Max(1, cols))
            throw new ArgumentException($"gemm: {ldName}={ld} is smaller than the row length " +
                                        $"{cols} of {Stored()}.", ldName);
        // The last row need not be padded out to ld: (rows-1)·ld + cols elements suffice.
        long needed = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < needed)
            throw new ArgumentException(
                $"gemm: {name} has {length} elements, {Stored()} with {ldName}={ld} " +
                $"needs {needed}.", name.ToLowerInvariant());
    }

    /// <summary>C = beta·C over the m×n window (beta == 0 writes zeros, so NaNs in C vanish as in BLAS).
    /// The whole GEMM when k == 0 or alpha == 0.</summary>
    internal static void ScaleC<T>(int m, int n, T beta, Span<T> c, int ldc) where T : IFloatingPointIeee754<T>
    {
        if (beta == T.One) return;
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.Slice(i * ldc, n);
            if (beta == T.Zero) row.Clear();
            else for (int j = 0; j < n; j++) row[j] *= beta;
        }
    }
}

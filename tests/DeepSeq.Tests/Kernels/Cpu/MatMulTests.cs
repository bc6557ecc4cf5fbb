using DeepSeq.Kernels;
using DeepSeq.Kernels.Cpu;
using Xunit;
using static DeepSeq.Tests.Kernels.StridedViews;

namespace DeepSeq.Tests.Kernels.Cpu;

/// <summary>
/// The strided front of the GEMM (<see cref="MatMul"/>) against a double-precision loop: every way it can hand an
/// operand to the packed GEMM (row-major, transposed, padded rows, a dense copy of a sliced view, a broadcast batch),
/// at sizes that reach the packed, blocked and parallel GEMM paths (k above its 256 block, m·n·k above 300³).
/// The numbered GEMM versions themselves are tested in Gemm/GemmTests.cs.
/// </summary>
/// <remarks>
/// Tolerance: the inputs are exact in float and their products exact in double, so the double loop is exact to
/// about 2⁻⁵³ and the float result errs by at most γₖ·Σ|aᵢₚ·bₚⱼ| (see GemmTests); 2·k·u of that sum is a bound.
/// </remarks>
public sealed class MatMulTests
{
    private const double U = 1.0 / (1 << 24);

    [Theory]
    [InlineData(67, 129, 45, false, false)]     // edges of the 14×32 micro-kernel in every direction
    [InlineData(67, 129, 45, true, true)]       // both operands transposed views, read in place
    [InlineData(1, 300, 70, false, true)]       // a single row; k above the 256 block
    [InlineData(70, 300, 1, true, false)]       // a single column
    [InlineData(320, 300, 310, false, false)]   // m·n·k ≈ 3·10⁷ > 300³: the parallel split
    public void GemmPathsMatchANaiveLoop(int m, int k, int n, bool transposeA, bool transposeB)
    {
        var (a, b) = (Values(m * k, m + k), Values(k * n, k + n));
        // A transposed operand is stored as its transpose and read through swapped strides.
        var (aData, aLayout) = transposeA ? (Transposed(a, m, k), new StridedLayout([m, k], [1, m], 0)) : (a, StridedLayout.RowMajor([m, k]));
        var (bData, bLayout) = transposeB ? (Transposed(b, k, n), new StridedLayout([k, n], [1, k], 0)) : (b, StridedLayout.RowMajor([k, n]));
        var c = new float[m * n];
        MatMul.Strided(c, StridedLayout.RowMajor([m, n]), aData, aLayout, bData, bLayout);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double exact = 0, magnitude = 0;
                for (int p = 0; p < k; p++) { exact += (double)a[i * k + p] * b[p * n + j]; magnitude += Math.Abs((double)a[i * k + p] * b[p * n + j]); }
                if (Math.Abs(c[i * n + j] - exact) > k * 2 * U * magnitude)
                    Assert.Fail($"C[{i},{j}] = {c[i * n + j]}, expected {exact} ± {k * 2 * U * magnitude:G3}");
            }
    }

    [Fact]
    public void GemmOperandsWithPaddedRowsAndBatches()
    {
        var big = Values(80, 6);                                         // an (8, 10) matrix
        var b = Values(3 * 7, 7);                                        // (3, 7)
        var bShared = new StridedLayout([3, 3, 7], [0, 7, 1], 0);       // B broadcast over a batch of 3

        // A (5,3) window of big: row stride 10 > 3, read in place, with an offset.
        var window = new StridedLayout([5, 3], [10, 1], 24);
        Check(big, window, b, StridedLayout.RowMajor([3, 7]));

        // Matrices 1…3 of a dense batch of 4 (an offset into the batch), each times the shared B.
        var batch = new float[4 * 15];
        float[] scales = [1f, 2f, -1f, 0.5f];
        for (int s = 0; s < 4; s++)
            for (int i = 0; i < 15; i++) batch[s * 15 + i] = scales[s] * big[window.OffsetOf(i)];
        Check(batch, new StridedLayout([3, 5, 3], [15, 3, 1], 15), b, bShared);

        // A sliced inner dimension (column stride 2) is neither row-major nor transposed: it is copied to a dense
        // block, and a broadcast batch of it is copied once.
        Check(big, new StridedLayout([3, 5, 3], [0, 10, 2], 0), b, bShared);
    }

    // c = a·b through MatMul.Strided against a double loop over the views, element by element.
    private static void Check(float[] a, StridedLayout aLayout, float[] b, StridedLayout bLayout)
    {
        int rank = aLayout.Rank;
        int m = aLayout.Shape[rank - 2], k = aLayout.Shape[rank - 1], n = bLayout.Shape[rank - 1];
        int batches = aLayout.Size / (m * k);
        var cShape = new int[rank];
        for (int d = 0; d < rank - 1; d++) cShape[d] = aLayout.Shape[d];
        cShape[rank - 1] = n;
        var c = new float[batches * m * n];
        MatMul.Strided(c, StridedLayout.RowMajor(cShape), a, aLayout, b, bLayout);
        var (av, bv) = (Read(a, aLayout), Read(b, bLayout));
        for (int s = 0; s < batches; s++)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double exact = 0, magnitude = 0;
                    for (int p = 0; p < k; p++)
                    {
                        double term = (double)av[(s * m + i) * k + p] * bv[(s * k + p) * n + j];
                        exact += term;
                        magnitude += Math.Abs(term);
                    }
                    float got = c[(s * m + i) * n + j];
                    Assert.True(Math.Abs(got - exact) <= k * 2 * U * magnitude, $"C[{s},{i},{j}] = {got}, expected {exact}");
                }
    }

    private static float[] Transposed(float[] data, int rows, int cols)
    {
        var t = new float[data.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) t[j * rows + i] = data[i * cols + j];
        return t;
    }
}

using DeepSeq.Kernels;
using DeepSeq.Kernels.Cpu;
using DeepSeq.Kernels.Formulas;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static DeepSeq.Tests.Kernels.StridedViews;

namespace DeepSeq.Tests.Kernels.Cpu;

/// <summary>
/// The CPU reduce kernel against a double-precision fold over random views, and at sizes the random views do
/// not reach: rows of 64+ floats take the 4-accumulator vector fold, a tall matrix's columns the slice-by-slice zip.
/// </summary>
public sealed class ReduceTests
{
    private const double U = 1.0 / (1 << 24);

    [Property(MaxTest = 200)]
    public Property ReduceFoldsOneAxis(int seed)
    {
        var rng = new Random(seed);
        var shape = RandomShape(rng, maxDim: 40);
        if (shape.Length == 0) shape = [rng.Next(1, 100)];
        int axis = rng.Next(shape.Length);
        var (x, xl) = RandomView(rng, shape);
        var outShape = shape.Where((_, d) => d != axis).ToArray();
        var yl = StridedLayout.RowMajor(outShape);
        var sum = new float[yl.Size];
        var max = new float[yl.Size];
        Reduce.Strided<float, AddOp<float>>(sum, yl, x, xl, axis);
        Reduce.Strided<float, MaximumOp<float>>(max, yl, x, xl, axis);

        // Reference: double-precision sum and exact max over the axis for each output position.
        var values = Read(x, xl);
        int inner = shape.Skip(axis + 1).Aggregate(1, (p, d) => p * d), n = shape[axis];
        bool ok = true;
        for (int o = 0; o < yl.Size; o++)
        {
            int outer = o / inner, rest = o % inner;
            var run = Enumerable.Range(0, n).Select(r => values[(outer * n + r) * inner + rest]).ToArray();
            double s = run.Sum(v => (double)v);
            double bound = 1e-6 * n * run.Sum(v => Math.Abs((double)v)) + 1e-6;   // float rounding of n additions
            ok &= Math.Abs(sum[o] - s) <= bound && max[o] == run.Max();
        }
        return ok.Label($"shape {string.Join(',', shape)} axis {axis}");
    }

    [Fact]
    public void LongRowsReduceWithTheVectorAccumulators()
    {
        const int rows = 3, n = 200;
        var data = Values(rows * n, 1);
        data[1 * n + 150] = float.NaN;            // a NaN deep inside the second row's vector lanes
        data[2 * n + 77] = 100f;                  // the third row's maximum, twice
        data[2 * n + 190] = 100f;
        var (xl, yl) = (StridedLayout.RowMajor([rows, n]), StridedLayout.RowMajor([rows]));
        var (max, sum) = (new float[rows], new float[rows]);
        Reduce.Strided<float, MaximumOp<float>>(max, yl, data, xl, 1);
        Reduce.Strided<float, AddOp<float>>(sum, yl, data, xl, 1);
        Assert.Equal(data[..n].Max(), max[0]);
        Assert.True(float.IsNaN(max[1]));
        Assert.Equal(100f, max[2]);
        for (int r = 0; r < rows; r += 2)
        {
            double exact = 0, magnitude = 0;
            for (int i = 0; i < n; i++) { exact += data[r * n + i]; magnitude += Math.Abs(data[r * n + i]); }
            Assert.True(Math.Abs(sum[r] - exact) <= 2 * n * U * magnitude, $"row {r}: {sum[r]} vs {exact}");
        }
        // Columns of a tall matrix: the slice-by-slice zip path, also vectorised along the rows.
        var t = Values(300 * 70, 2);
        var columns = new float[70];
        Reduce.Strided<float, AddOp<float>>(columns, StridedLayout.RowMajor([70]), t, StridedLayout.RowMajor([300, 70]), 0);
        for (int j = 0; j < 70; j++)
        {
            double exact = 0, magnitude = 0;
            for (int i = 0; i < 300; i++) { exact += t[i * 70 + j]; magnitude += Math.Abs(t[i * 70 + j]); }
            Assert.True(Math.Abs(columns[j] - exact) <= 2 * 300 * U * magnitude, $"column {j}: {columns[j]} vs {exact}");
        }
    }
}

using DeepSeq.Kernels;
using DeepSeq.Kernels.Cpu;
using DeepSeq.Kernels.Formulas;
using Xunit;
using static DeepSeq.Tests.Kernels.StridedViews;

namespace DeepSeq.Tests.Kernels.Cpu;

/// <summary>
/// The strided loop's multi-core path: above <see cref="StridedLoop.ParallelThreshold"/> elements the iteration
/// space is cut into one piece per core, and every element must still be computed exactly as on one core.
/// (Its coalescing, vector and tiling paths are exercised by the Map, Zip, Where and Reduce tests beside this file.)
/// </summary>
public sealed class StridedLoopTests
{
    [Fact]
    public void LargeViewsTakeTheParallelPathAndGiveTheSameAnswer()
    {
        // 600×700 = 420,000 elements > ParallelThreshold: the loop is split across cores.
        var rng = new Random(7);
        int[] shape = [600, 700];
        var (a, al) = RandomView(rng, shape, allowBroadcast: false);
        var transposed = new StridedLayout(shape, [1, 600], 0);   // a column-major view of a dense buffer
        var b = Enumerable.Range(0, 600 * 700).Select(i => (float)i).ToArray();
        var zl = StridedLayout.RowMajor(shape);
        var z = new float[zl.Size];
        Zip.Strided<float, AddOp<float>>(z, zl, a, al, b, transposed);
        Assert.True(StridedLoop.ParallelThreshold < zl.Size);
        var expected = Read(a, al).Zip(Read(b, transposed), (p, q) => p + q).ToArray();
        Assert.Equal(expected, z);
    }

    [Fact]
    public void LargeBroadcastZipRunsOnAllCoresAndMatchesALoop()
    {
        // (500, 600) + (600) and a transposed (600, 500)ᵀ operand: 300,000 elements, above the parallel threshold.
        var (a, b, c) = (Values(500 * 600, 3), Values(600, 4), Values(600 * 500, 5));
        var dense = StridedLayout.RowMajor([500, 600]);
        var rowBroadcast = new StridedLayout([500, 600], [0, 1], 0);
        var sum = new float[500 * 600];
        var result = new float[500 * 600];
        Zip.Strided<float, AddOp<float>>(sum, dense, a, dense, b, rowBroadcast);
        Zip.Strided<float, MultiplyOp<float>>(result, dense, sum, dense, c, new StridedLayout([500, 600], [1, 500], 0));
        // A negative stride (x flipped along its rows), cut into per-core pieces mid-row.
        var flipped = new float[500 * 600];
        Zip.Strided<float, SubtractOp<float>>(flipped, dense, a, new StridedLayout([500, 600], [600, -1], 599), b, rowBroadcast);
        for (int i = 0; i < 500; i++)
            for (int j = 0; j < 600; j++)
            {
                float expected = (a[i * 600 + j] + b[j]) * c[j * 500 + i];
                if (result[i * 600 + j] != expected) Assert.Fail($"[{i},{j}]: {result[i * 600 + j]} ≠ {expected}");
                if (flipped[i * 600 + j] != a[i * 600 + 599 - j] - b[j]) Assert.Fail($"flipped [{i},{j}]: {flipped[i * 600 + j]}");
            }
    }
}

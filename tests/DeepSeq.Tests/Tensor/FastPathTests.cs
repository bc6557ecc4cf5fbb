using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Tensor operations, end to end, at shapes that take the CPU kernels' fast paths, which the family tests'
/// small random shapes do not reach: argmax over rows long enough for the vector fold, and a matmul whose
/// operands are a narrowed window (padded rows, read in place) and a right operand broadcast over a batch.
/// The kernels themselves are tested at these sizes in tests/…/Kernels/Cpu (ReduceTests, MatMulTests).
/// Covers src/Tensor/Ops/Reductions.cs (argmax) and src/Tensor/Ops/MatrixProducts.cs (matmul).
/// </summary>
public sealed class FastPathTests
{
    private const double U = 1.0 / (1 << 24);

    private static float[] Values(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(random.Next(-8192, 8192) / 1024.0)).ToArray();
    }

    [Fact]
    public void ArgMaxOfLongRowsFindsTheFirstMaximumAndTheNaN()
    {
        const int rows = 3, n = 200;
        var data = Values(rows * n, 1);
        data[1 * n + 150] = float.NaN;            // a NaN deep inside the second row's vector lanes
        data[2 * n + 77] = 100f;                  // the third row's maximum, twice
        data[2 * n + 190] = 100f;
        var x = Tensor.FromArray<float>(data, new Shape(rows, n));
        var argmax = x.ArgMax(1).ToArray();
        Assert.Equal((Array.IndexOf(data, data[..n].Max()), 150, 77), (argmax[0], argmax[1], argmax[2]));
    }

    [Fact]
    public void GemmOperandsWithPaddedRowsAndBatches()
    {
        // A (5,3) window of an (8,10) matrix: row stride 10 > 3, read in place, with an offset; B is shared by a batch of 4.
        var big = Tensor.FromArray<float>(Values(80, 6), new Shape(8, 10));
        var a = big.Narrow(0, 2, 5).Narrow(1, 4, 3);
        Assert.Equal((10, 1, 24), (a.Strides[0], a.Strides[1], a.Offset));
        var batch = Tensor.Stack([a, a * 2f, a * -1f, a * 0.5f]);     // (4,5,3)
        var b = Tensor.FromArray<float>(Values(3 * 7, 7), new Shape(3, 7));
        var (ra, rb) = (TensorTestBase.Ref(batch), TensorTestBase.Ref(b));
        var expected = RefArray.MatMul(ra, rb);
        var tolerance = RefArray.AbsMatMul(ra, rb);
        var got = a.MatMul(b).ToArray().Concat(batch.Narrow(0, 1, 3).MatMul(b).ToArray()).ToArray();
        for (int i = 0; i < got.Length; i++)
            Assert.True(Math.Abs(got[i] - expected.Data[i]) <= 3 * 2 * U * tolerance.Data[i], $"element {i}: {got[i]} vs {expected.Data[i]}");
    }
}

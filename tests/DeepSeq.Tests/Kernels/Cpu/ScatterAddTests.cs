using DeepSeq.Kernels;
using DeepSeq.Kernels.Cpu;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static DeepSeq.Tests.Kernels.StridedViews;

namespace DeepSeq.Tests.Kernels.Cpu;

/// <summary>The CPU scatter-add kernel against its definition, bit for bit, and its check-before-write.</summary>
public sealed class ScatterAddTests
{
    /// <summary>
    /// The definition, x[…, index[…, j, …], …] += y[…, j, …] over y in row-major order. For each x element that
    /// order visits its terms in ascending j, the kernel's promised order, so the float sums agree exactly.
    /// </summary>
    [Property(MaxTest = 100)]
    public Property ScatterAddAddsAtTheIndexedPositions(int seed)
    {
        var rng = new Random(seed);
        var shape = RandomShape(rng);
        if (shape.Length == 0) shape = [3];
        int axis = rng.Next(shape.Length), axisSize = shape[axis];
        var xl = StridedLayout.RowMajor(shape);
        var x = Values(xl.Size, seed);
        var expected = (float[])x.Clone();
        var outShape = (int[])shape.Clone();
        outShape[axis] = rng.Next(1, 7);             // often more terms than positions: indices repeat
        var (y, yl) = RandomView(rng, outShape);
        var il = StridedLayout.RowMajor(outShape);
        var index = Enumerable.Range(0, il.Size).Select(_ => rng.Next(-axisSize, axisSize)).ToArray();
        ScatterAdd.Strided(x, xl.WithShape(axis, outShape[axis]), axisSize, y, yl, index, il, axis);

        var values = Read(y, yl);
        var position = new int[shape.Length];
        for (int i = 0; i < il.Size; i++)
        {
            for (int d = shape.Length - 1, rest = i; d >= 0; d--) { position[d] = rest % outShape[d]; rest /= outShape[d]; }
            int k = index[i] < 0 ? index[i] + axisSize : index[i];
            int target = 0;
            for (int d = 0; d < shape.Length; d++) target += (d == axis ? k : position[d]) * xl.Strides[d];
            expected[target] += values[i];
        }
        return x.SequenceEqual(expected).Label($"shape {string.Join(',', shape)} axis {axis}");
    }

    [Fact]
    public void AnIndexOutOfRangeThrowsAndLeavesXUnchanged()
    {
        var x = new float[] { 1, 2, 3, 4 };
        var layout = StridedLayout.RowMajor([3]);
        var ex = Assert.Throws<IndexOutOfRangeException>(() =>
            ScatterAdd.Strided(x, layout, 4, [10f, 20f, 30f], layout, [0, 3, -5], layout, 0));
        Assert.Contains("index -5 is out of range for an axis of size 4", ex.Message);
        Assert.Equal([1f, 2, 3, 4], x);
    }
}

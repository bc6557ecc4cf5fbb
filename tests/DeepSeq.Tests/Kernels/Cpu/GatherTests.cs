using DeepSeq.Kernels;
using DeepSeq.Kernels.Cpu;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static DeepSeq.Tests.Kernels.StridedViews;

namespace DeepSeq.Tests.Kernels.Cpu;

/// <summary>The CPU gather kernel against its definition, and its index check on one core and on many.</summary>
public sealed class GatherTests
{
    [Property(MaxTest = 100)]
    public Property GatherReadsAtTheIndexedPositions(int seed)
    {
        var rng = new Random(seed);
        var shape = RandomShape(rng);
        if (shape.Length == 0) shape = [3];
        int axis = rng.Next(shape.Length), axisSize = shape[axis];
        var (x, xl) = RandomView(rng, shape, allowBroadcast: false);
        var outShape = (int[])shape.Clone();
        outShape[axis] = rng.Next(1, 5);
        var il = StridedLayout.RowMajor(outShape);
        var index = Enumerable.Range(0, il.Size).Select(_ => rng.Next(-axisSize, axisSize)).ToArray();
        var yl = StridedLayout.RowMajor(outShape);
        var y = new float[yl.Size];
        Gather.Strided(y, yl, x, xl.WithShape(axis, outShape[axis]), axisSize, index, il, axis);

        bool ok = true;
        var position = new int[shape.Length];
        for (int i = 0; i < yl.Size; i++)
        {
            for (int d = shape.Length - 1, rest = i; d >= 0; d--) { position[d] = rest % outShape[d]; rest /= outShape[d]; }
            int k = index[i] < 0 ? index[i] + axisSize : index[i];
            int source = xl.Offset;
            for (int d = 0; d < shape.Length; d++) source += (d == axis ? k : position[d]) * xl.Strides[d];
            ok &= y[i] == x[source];
        }
        return ok.ToProperty();
    }

    [Fact]
    public void GatherRejectsAnIndexOutOfRange()
    {
        var xl = StridedLayout.RowMajor([4]);
        var ex = Assert.Throws<IndexOutOfRangeException>(() =>
            Gather.Strided(new float[1], StridedLayout.RowMajor([1]), new float[4], xl.WithShape(0, 1), 4, [4], StridedLayout.RowMajor([1]), 0));
        Assert.Contains("index 4 is out of range for an axis of size 4", ex.Message);
    }

    [Fact]
    public void AnOutOfRangeIndexThrowsIndexOutOfRangeAtAnySize()
    {
        // 200,000 elements: above the parallel threshold, so the throw happens on a worker thread and must
        // still arrive as IndexOutOfRangeException, not wrapped in an AggregateException.
        const int n = 200_000;
        var index = Enumerable.Repeat(5, n).ToArray();
        index[^1] = n;
        var layout = StridedLayout.RowMajor([n]);
        Assert.True(StridedLoop.ParallelThreshold < n);
        Assert.Throws<IndexOutOfRangeException>(() => Gather.Strided(new float[n], layout, new float[n], layout, n, index, layout, 0));
    }
}

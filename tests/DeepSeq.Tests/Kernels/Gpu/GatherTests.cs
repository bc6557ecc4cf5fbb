using DeepSeq.Kernels;
using ILGPU;
using ILGPU.Runtime;
using Xunit;
using static DeepSeq.Tests.Kernels.IlgpuSimulator;
using static DeepSeq.Tests.Kernels.StridedViews;

namespace DeepSeq.Tests.Kernels.Gpu;

// After the namespace line, so that these win over the test folders DeepSeq.Tests.Kernels.Cpu and .Gpu.
using Cpu = DeepSeq.Kernels.Cpu;
using Gpu = DeepSeq.Kernels.Gpu;

/// <summary>The ILGPU gather kernel on ILGPU's CPU accelerator against its CPU twin, and its error flag.</summary>
public sealed class GatherTests
{
    private static Action<Index1D, ArrayView<float>, StridedLayout, ArrayView<float>, StridedLayout, int, ArrayView<int>, StridedLayout, int,
        ArrayView<int>> Load() => Simulator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, StridedLayout, ArrayView<float>,
        StridedLayout, int, ArrayView<int>, StridedLayout, int, ArrayView<int>>(Gpu.Gather.Strided<float>);

    [Fact]
    public void StridedMatchesTheCpuTwin()
    {
        var gather = Load();
        var seen = new List<StridedLayout>();
        for (int seed = 0; seed < 12; seed++)
        {
            var rng = new Random(seed);
            var shape = RandomShape(rng);
            if (shape.Length == 0) shape = [3];
            int axis = rng.Next(shape.Length), axisSize = shape[axis];
            var (x, xl) = RandomView(rng, shape, allowBroadcast: false);
            var outShape = (int[])shape.Clone();
            outShape[axis] = rng.Next(1, 5);
            // The index is read through a broadcast or reversed view too: its values are any of [−n, n).
            var (indexValues, il) = RandomView(rng, outShape);
            var index = indexValues.Select(_ => rng.Next(-axisSize, axisSize)).ToArray();
            var (y, yl) = RandomView(rng, outShape, allowBroadcast: false);
            var gatheredX = xl.WithShape(axis, outShape[axis]);
            seen.AddRange([xl, il, yl]);
            using var xb = Upload(x);
            using var ib = Upload(index);
            using var yb = Upload(y);
            using var error = Upload(new int[2]);
            gather(yl.Size, yb.View, yl, xb.View, gatheredX, axisSize, ib.View, il, axis, error.View);
            Cpu.Gather.Strided(y, yl, x, gatheredX, axisSize, index, il, axis);
            Assert.Equal(y, Download(yb));
            Assert.Equal([0, 0], Download(error));
        }
        AssertCoversStridedViews(seen);
    }

    [Fact]
    public void AnIndexOutOfRangeRaisesTheFlagAndWritesZero()
    {
        // Where the CPU twin throws (Cpu/GatherTests), the kernel reports through the error view and reads nothing.
        var layout = StridedLayout.RowMajor([3]);
        using var xb = Upload(new float[] { 1, 2, 3, 4 });
        using var ib = Upload(new[] { 1, 4, -4 });
        using var yb = Upload(new float[] { 9, 9, 9 });
        using var error = Upload(new int[2]);
        Load()(3, yb.View, layout, xb.View, layout, 4, ib.View, layout, 0, error.View);
        Assert.Equal([2f, 0, 1], Download(yb));
        Assert.Equal([1, 4], Download(error));
    }
}

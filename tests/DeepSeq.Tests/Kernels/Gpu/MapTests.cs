using DeepSeq.Kernels;
using DeepSeq.Kernels.Formulas;
using ILGPU;
using ILGPU.Runtime;
using Xunit;
using static DeepSeq.Tests.Kernels.IlgpuSimulator;
using static DeepSeq.Tests.Kernels.StridedViews;

namespace DeepSeq.Tests.Kernels.Gpu;

// After the namespace line, so that these win over the test folders DeepSeq.Tests.Kernels.Cpu and .Gpu.
using Cpu = DeepSeq.Kernels.Cpu;
using Gpu = DeepSeq.Kernels.Gpu;

/// <summary>The ILGPU map kernel on ILGPU's CPU accelerator against its CPU twin, over tiny random views.</summary>
public sealed class MapTests
{
    [Fact]
    public void StridedMatchesTheCpuTwin()
    {
        var map = Simulator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, StridedLayout, ArrayView<float>, StridedLayout>(
            Gpu.Map.Strided<float, float, NegateOp<float>>);
        var seen = new List<StridedLayout>();
        for (int seed = 0; seed < 12; seed++)
        {
            var rng = new Random(seed);
            var shape = RandomShape(rng);
            var (x, xl) = RandomView(rng, shape);
            var (y, yl) = RandomView(rng, shape, allowBroadcast: false);
            seen.AddRange([xl, yl]);
            using var xb = Upload(x);
            using var yb = Upload(y);
            map(yl.Size, yb.View, yl, xb.View, xl);
            Cpu.Map.Strided<float, float, NegateOp<float>>(y, yl, x, xl);
            Assert.Equal(y, Download(yb));     // the whole buffer: elements outside the view stay as they were
        }
        AssertCoversStridedViews(seen);
    }
}

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

/// <summary>The ILGPU zip kernel on ILGPU's CPU accelerator against its CPU twin, over tiny random views.</summary>
public sealed class ZipTests
{
    [Fact]
    public void StridedMatchesTheCpuTwin()
    {
        var zip = Simulator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, StridedLayout, ArrayView<float>, StridedLayout,
            ArrayView<float>, StridedLayout>(Gpu.Zip.Strided<float, SubtractOp<float>>);
        var seen = new List<StridedLayout>();
        for (int seed = 0; seed < 12; seed++)
        {
            var rng = new Random(seed);
            var shape = RandomShape(rng);
            var (a, al) = RandomView(rng, shape);
            var (b, bl) = RandomView(rng, shape);
            var (z, zl) = RandomView(rng, shape, allowBroadcast: false);
            seen.AddRange([al, bl, zl]);
            using var ab = Upload(a);
            using var bb = Upload(b);
            using var zb = Upload(z);
            zip(zl.Size, zb.View, zl, ab.View, al, bb.View, bl);
            Cpu.Zip.Strided<float, SubtractOp<float>>(z, zl, a, al, b, bl);
            Assert.Equal(z, Download(zb));
        }
        AssertCoversStridedViews(seen);
    }
}

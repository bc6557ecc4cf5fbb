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

/// <summary>The ILGPU where kernel on ILGPU's CPU accelerator against its CPU twin, over tiny random views.</summary>
public sealed class WhereTests
{
    [Fact]
    public void StridedMatchesTheCpuTwin()
    {
        var where = Simulator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, StridedLayout, ArrayView<float>, StridedLayout,
            ArrayView<float>, StridedLayout, ArrayView<float>, StridedLayout>(Gpu.Where.Strided<float>);
        var seen = new List<StridedLayout>();
        for (int seed = 0; seed < 12; seed++)
        {
            var rng = new Random(seed);
            var shape = RandomShape(rng);
            var (c, cl) = RandomView(rng, shape);
            for (int i = 0; i < c.Length; i++) c[i] = rng.Next(2);
            var (a, al) = RandomView(rng, shape);
            var (b, bl) = RandomView(rng, shape);
            var (z, zl) = RandomView(rng, shape, allowBroadcast: false);
            seen.AddRange([cl, al, bl, zl]);
            using var cb = Upload(c);
            using var ab = Upload(a);
            using var bb = Upload(b);
            using var zb = Upload(z);
            where(zl.Size, zb.View, zl, cb.View, cl, ab.View, al, bb.View, bl);
            Cpu.Where.Strided(z, zl, c, cl, a, al, b, bl);
            Assert.Equal(z, Download(zb));
        }
        AssertCoversStridedViews(seen);
    }
}

using System.Numerics;
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

/// <summary>
/// The ILGPU matmul kernel on ILGPU's CPU accelerator against its CPU twin, over tiny random batched views (each
/// operand's dimensions permuted, reversed, stepped or broadcast, inner ones included, so the CPU side takes its
/// transposed reads and dense copies). The values are small integers, so every sum is exact in any order.
/// </summary>
public sealed class MatMulTests
{
    [Fact]
    public void StridedMatchesTheCpuTwin()
    {
        var matmul = Simulator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, StridedLayout, ArrayView<float>, StridedLayout,
            ArrayView<float>, StridedLayout>(Gpu.MatMul.Strided<float>);
        var seen = new List<StridedLayout>();
        for (int seed = 0; seed < 12; seed++)
        {
            var rng = new Random(seed);
            var batch = RandomShape(rng, maxRank: 2, maxDim: 3);
            int m = rng.Next(1, 6), k = rng.Next(1, 6), n = rng.Next(1, 6);
            var (a, al) = RandomView(rng, [.. batch, m, k]);
            var (b, bl) = RandomView(rng, [.. batch, k, n]);
            for (int i = 0; i < a.Length; i++) a[i] = rng.Next(-8, 9);
            for (int i = 0; i < b.Length; i++) b[i] = rng.Next(-8, 9);
            var cl = StridedLayout.RowMajor([.. batch, m, n]);     // the output is dense on both devices
            seen.AddRange([al, bl]);
            using var ab = Upload(a);
            using var bb = Upload(b);
            using var cb = Upload(new float[cl.Size]);
            matmul(cl.Size, cb.View, cl, ab.View, al, bb.View, bl);
            var c = new float[cl.Size];
            Cpu.MatMul.Strided(c, cl, a, al, b, bl);
            Assert.Equal(c, Download(cb));
        }
        AssertCoversStridedViews(seen);
    }
}

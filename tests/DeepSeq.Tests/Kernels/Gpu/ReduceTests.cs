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

/// <summary>
/// The ILGPU reduce kernel on ILGPU's CPU accelerator against its CPU twin, over tiny random views. Axes of at
/// most 6 elements: the CPU then folds left to right as the GPU thread does, so the sums agree bit for bit.
/// </summary>
public sealed class ReduceTests
{
    [Fact]
    public void StridedMatchesTheCpuTwin()
    {
        Check<AddOp<float>>();
        Check<MaximumOp<float>>();
    }

    private static void Check<TOp>() where TOp : struct, IReduceOp<float>
    {
        var reduce = Simulator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, StridedLayout, ArrayView<float>, StridedLayout, int>(
            Gpu.Reduce.Strided<float, TOp>);
        var seen = new List<StridedLayout>();
        for (int seed = 0; seed < 12; seed++)
        {
            var rng = new Random(seed);
            var shape = RandomShape(rng);
            if (shape.Length == 0) shape = [rng.Next(1, 7)];
            int axis = rng.Next(shape.Length);
            var (x, xl) = RandomView(rng, shape);
            var (y, yl) = RandomView(rng, shape.Where((_, d) => d != axis).ToArray(), allowBroadcast: false);
            seen.Add(xl);
            using var xb = Upload(x);
            using var yb = Upload(y);
            reduce(yl.Size, yb.View, yl, xb.View, xl, axis);
            Cpu.Reduce.Strided<float, TOp>(y, yl, x, xl, axis);
            Assert.Equal(y, Download(yb));
        }
        AssertCoversStridedViews(seen);
    }
}

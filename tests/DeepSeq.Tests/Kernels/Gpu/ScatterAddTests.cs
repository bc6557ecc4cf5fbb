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
/// The ILGPU scatter-add kernels on ILGPU's CPU accelerator against their CPU twin, for each of the three element
/// types the atomics are written for. The values are small integers, so every sum is exact in any order and the
/// atomics' unordered float adds must still give the CPU's bits.
/// </summary>
public sealed class ScatterAddTests
{
    [Fact]
    public void StridedMatchesTheCpuTwinInFloat() => Check<float>();

    [Fact]
    public void StridedMatchesTheCpuTwinInDouble() => Check<double>();

    [Fact]
    public void StridedMatchesTheCpuTwinInInt32() => Check<int>();

    private static void Check<T>() where T : unmanaged, INumber<T>
    {
        var check = LoadCheck();
        var add = Simulator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, StridedLayout, int, ArrayView<T>, StridedLayout,
            ArrayView<int>, StridedLayout, int, ArrayView<int>>(Gpu.ScatterAdd.Strided<T>);
        var seen = new List<StridedLayout>();
        for (int seed = 0; seed < 12; seed++)
        {
            var rng = new Random(seed);
            var shape = RandomShape(rng);
            if (shape.Length == 0) shape = [3];
            int axis = rng.Next(shape.Length), axisSize = shape[axis];
            var xl = StridedLayout.RowMajor(shape);
            var x = Integers<T>(rng, xl.Size);
            var outShape = (int[])shape.Clone();
            outShape[axis] = rng.Next(1, 7);          // often more terms than positions: threads collide
            var (yView, yl) = RandomView(rng, outShape);
            var y = Integers<T>(rng, yView.Length);
            var (indexView, il) = RandomView(rng, outShape);
            var index = indexView.Select(_ => rng.Next(-axisSize, axisSize)).ToArray();
            var scatteredX = xl.WithShape(axis, outShape[axis]);
            seen.AddRange([yl, il]);
            using var xb = Upload(x);
            using var yb = Upload(y);
            using var ib = Upload(index);
            using var error = Upload(new int[2]);
            check(yl.Size, ib.View, il, axisSize, error.View);
            add(yl.Size, xb.View, scatteredX, axisSize, yb.View, yl, ib.View, il, axis, error.View);
            Cpu.ScatterAdd.Strided(x, scatteredX, axisSize, y, yl, index, il, axis);
            Assert.Equal(x, Download(xb));
            Assert.Equal([0, 0], Download(error));
        }
        AssertCoversStridedViews(seen);
    }

    [Fact]
    public void CheckIndicesRaisesTheFlagForAnIndexOutOfRange()
    {
        // Pass 1 of the launcher: it reads only, and a bad index leaves itself in error[1] for the launcher to throw.
        var layout = StridedLayout.RowMajor([3]);
        using var ib = Upload(new[] { 0, -5, 3 });
        using var error = Upload(new int[2]);
        LoadCheck()(3, ib.View, layout, 4, error.View);
        Assert.Equal([1, -5], Download(error));
    }

    private static Action<Index1D, ArrayView<int>, StridedLayout, int, ArrayView<int>> LoadCheck() =>
        Simulator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, StridedLayout, int, ArrayView<int>>(Gpu.ScatterAdd.CheckIndices);

    private static T[] Integers<T>(Random rng, int n) where T : INumber<T>
        => Enumerable.Range(0, n).Select(_ => T.CreateChecked(rng.Next(-20, 21))).ToArray();
}

using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;
using static DeepSeq.Tests.Autograd.ReductionGen;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of max against float64 central differences over inputs of distinct values, random shapes and random
/// sets of axes (negative ones, none, all) with and without keepDims; and its tie rule (tied maxima share the gradient
/// equally, as PyTorch's amax) as golden values, on both devices.
/// </summary>
public abstract class MaxTests : GradTestBase
{
    [Fact]
    public void MaxGradient() => Property(DistinctReduction(GradMaxSize),
        t => AssertGradient(v => v[0].Max(t.Axes, t.KeepDims), $"max({Axes(t.Axes)}, keepDims: {t.KeepDims})", t.X), GradCases);

    [Fact]
    public void MaxSplitsTheGradientEquallyAmongTies()
    {
        var x = new Variable<double>(Values(1.0, 3, 3, 2), requiresGrad: true);
        x.Max().Backward();
        Assert.Equal([0.0, 0.5, 0.5, 0], x.Grad!.ToArray());   // PyTorch's amax / max(): equal shares

        var m = Leaf(new double[,] { { 1, 3, 3 }, { 2, 2, 2 } });
        m.Max(1).Sum().Backward();
        AssertClose(new RefArray([2, 3], [0, 0.5, 0.5, 1 / 3.0, 1 / 3.0, 1 / 3.0]), m.Grad!, 0, 1e-15, "∂ Σ max(m, axis 1) / ∂m");
    }
}

public sealed class MaxTestsOnCpu : MaxTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class MaxTestsOnIlgpu : MaxTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

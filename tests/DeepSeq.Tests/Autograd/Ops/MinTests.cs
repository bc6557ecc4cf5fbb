using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;
using static DeepSeq.Tests.Autograd.ReductionGen;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of min against float64 central differences over inputs of distinct values, random shapes and random
/// sets of axes (negative ones, none, all) with and without keepDims; and its tie rule (tied minima share the gradient
/// equally) as a golden value, on both devices.
/// </summary>
public abstract class MinTests : GradTestBase
{
    [Fact]
    public void MinGradient() => Property(DistinctReduction(GradMaxSize),
        t => AssertGradient(v => v[0].Min(t.Axes, t.KeepDims), $"min({Axes(t.Axes)}, keepDims: {t.KeepDims})", t.X), GradCases);

    [Fact]
    public void MinSplitsTheGradientEquallyAmongTies()
    {
        var m = Leaf(new double[,] { { 3, 1, 1 }, { 2, 2, 2 } });
        m.Min(1, keepDims: true).Sum().Backward();
        AssertClose(new RefArray([2, 3], [0, 0.5, 0.5, 1 / 3.0, 1 / 3.0, 1 / 3.0]), m.Grad!, 0, 1e-15, "∂ Σ min(m, axis 1) / ∂m");
    }
}

public sealed class MinTestsOnCpu : MinTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class MinTestsOnIlgpu : MinTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

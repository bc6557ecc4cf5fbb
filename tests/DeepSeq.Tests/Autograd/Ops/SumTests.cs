using DeepSeq.Autograd;
using DeepSeq.Devices;
using FsCheck.Fluent;
using Xunit;
using static DeepSeq.Tests.Autograd.ReductionGen;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of sum against float64 central differences over random shapes, random sets of axes (negative ones,
/// none, all) with and without keepDims, and non-contiguous inputs (<see cref="GradGen"/>), on both devices.
/// </summary>
public abstract class SumTests : GradTestBase
{
    [Fact]
    public void SumGradient() => Property(
        from x in GradGen.Input(GradMaxSize, GradGen.Moderate)
        from r in GradGen.Reduction(x.Shape.Length)
        select (x, r),
        t => AssertGradient(v => v[0].Sum(t.r.Axes, t.r.KeepDims), $"sum({Axes(t.r.Axes)}, keepDims: {t.r.KeepDims})", t.x),
        GradCases);
}

public sealed class SumTestsOnCpu : SumTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class SumTestsOnIlgpu : SumTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;
using static DeepSeq.Tests.Autograd.ReductionGen;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of mean against float64 central differences over random shapes, random sets of axes (negative ones,
/// none, all) with and without keepDims, and non-contiguous inputs (<see cref="GradGen"/>), on both devices.
/// </summary>
public abstract class MeanTests : GradTestBase
{
    [Fact]
    public void MeanGradient() => Property(
        from x in GradGen.Input(GradMaxSize, GradGen.Moderate)
        from r in GradGen.Reduction(x.Shape.Length)
        select (x, r),
        t => AssertGradient(v => v[0].Mean(t.r.Axes, t.r.KeepDims), $"mean({Axes(t.r.Axes)}, keepDims: {t.r.KeepDims})", t.x), GradCases);
}

public sealed class MeanTestsOnCpu : MeanTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class MeanTestsOnIlgpu : MeanTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

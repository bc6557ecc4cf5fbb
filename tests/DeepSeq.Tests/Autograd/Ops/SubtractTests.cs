using DeepSeq.Autograd;
using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of subtract against float64 central differences over random broadcasting pairs and non-contiguous
/// inputs (<see cref="GradGen"/>), on both devices.
/// </summary>
public abstract class SubtractTests : GradTestBase
{
    [Fact]
    public void SubtractGradient() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.Moderate),
        t => AssertGradient(v => v[0] - v[1], "a − b", t.A, t.B), GradCases);
}

public sealed class SubtractTestsOnCpu : SubtractTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class SubtractTestsOnIlgpu : SubtractTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

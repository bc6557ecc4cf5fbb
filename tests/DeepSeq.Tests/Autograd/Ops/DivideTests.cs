using DeepSeq.Autograd;
using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of divide against float64 central differences over random broadcasting pairs and non-contiguous inputs
/// (<see cref="GradGen"/>), the divisor kept away from zero, on both devices.
/// </summary>
public abstract class DivideTests : GradTestBase
{
    [Fact]
    public void DivideGradient() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.Moderate),   // |b| ≥ 0.5
        t => AssertGradient(v => v[0] / v[1], "a / b", t.A, t.B), GradCases);
}

public sealed class DivideTestsOnCpu : DivideTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class DivideTestsOnIlgpu : DivideTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

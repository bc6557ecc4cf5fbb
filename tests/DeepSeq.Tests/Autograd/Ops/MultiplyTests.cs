using DeepSeq.Autograd;
using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of multiply against float64 central differences over random broadcasting pairs and non-contiguous
/// inputs (<see cref="GradGen"/>), on both devices.
/// </summary>
public abstract class MultiplyTests : GradTestBase
{
    [Fact]
    public void MultiplyGradient() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.Moderate),
        t => AssertGradient(v => v[0] * v[1], "a · b", t.A, t.B), GradCases);
}

public sealed class MultiplyTestsOnCpu : MultiplyTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class MultiplyTestsOnIlgpu : MultiplyTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

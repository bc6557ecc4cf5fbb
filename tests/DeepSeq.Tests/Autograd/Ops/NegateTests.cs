using DeepSeq.Autograd;
using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of negate against float64 central differences over random shapes and non-contiguous inputs (<see
/// cref="GradGen"/>), on both devices.
/// </summary>
public abstract class NegateTests : GradTestBase
{
    [Fact]
    public void NegateGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => -v[0], "−x", x), GradCases);
}

public sealed class NegateTestsOnCpu : NegateTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class NegateTestsOnIlgpu : NegateTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Autograd;
using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of add against float64 central differences over random broadcasting pairs and non-contiguous inputs
/// (<see cref="GradGen"/>), on both devices.
/// </summary>
public abstract class AddTests : GradTestBase
{
    [Fact]
    public void AddGradientSumsOverBroadcastDimensions() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.Moderate),
        t => AssertGradient(v => v[0] + v[1], "a + b", t.A, t.B), GradCases);
}

public sealed class AddTestsOnCpu : AddTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class AddTestsOnIlgpu : AddTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

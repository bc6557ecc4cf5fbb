using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of erf, (2/√π) e^(−x²), against float64 central differences over random shapes and non-contiguous
/// inputs (<see cref="GradGen"/>), on both devices.
/// </summary>
public abstract class ErfTests : GradTestBase
{
    [Fact]
    public void ErfGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => v[0].Erf(), "erf x", x), GradCases);
}

public sealed class ErfTestsOnCpu : ErfTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ErfTestsOnIlgpu : ErfTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

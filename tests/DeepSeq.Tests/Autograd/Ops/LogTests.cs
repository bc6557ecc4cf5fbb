using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of log against float64 central differences over random shapes and non-contiguous inputs (<see
/// cref="GradGen"/>), at positive values, on both devices.
/// </summary>
public abstract class LogTests : GradTestBase
{
    [Fact]
    public void LogGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Positive),
        x => AssertGradient(v => v[0].Log(), "ln x", x), GradCases);
}

public sealed class LogTestsOnCpu : LogTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class LogTestsOnIlgpu : LogTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

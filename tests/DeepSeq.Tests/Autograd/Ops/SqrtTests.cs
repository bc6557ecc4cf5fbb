using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of sqrt against float64 central differences over random shapes and non-contiguous inputs (<see
/// cref="GradGen"/>), at positive values, on both devices.
/// </summary>
public abstract class SqrtTests : GradTestBase
{
    [Fact]
    public void SqrtGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Positive),
        x => AssertGradient(v => v[0].Sqrt(), "√x", x), GradCases);
}

public sealed class SqrtTestsOnCpu : SqrtTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class SqrtTestsOnIlgpu : SqrtTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

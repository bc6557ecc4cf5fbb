using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of tanh against float64 central differences over random shapes and non-contiguous inputs (<see
/// cref="GradGen"/>), on both devices.
/// </summary>
public abstract class TanhTests : GradTestBase
{
    [Fact]
    public void TanhGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => v[0].Tanh(), "tanh x", x), GradCases);
}

public sealed class TanhTestsOnCpu : TanhTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class TanhTestsOnIlgpu : TanhTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

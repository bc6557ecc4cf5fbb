using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of sigmoid against float64 central differences over random shapes and non-contiguous inputs (<see
/// cref="GradGen"/>), on both devices.
/// </summary>
public abstract class SigmoidTests : GradTestBase
{
    [Fact]
    public void SigmoidGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => v[0].Sigmoid(), "σ(x)", x), GradCases);
}

public sealed class SigmoidTestsOnCpu : SigmoidTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class SigmoidTestsOnIlgpu : SigmoidTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

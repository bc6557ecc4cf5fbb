using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of exp against float64 central differences over random shapes and non-contiguous inputs (<see
/// cref="GradGen"/>), on both devices.
/// </summary>
public abstract class ExpTests : GradTestBase
{
    [Fact]
    public void ExpGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => v[0].Exp(), "eˣ", x), GradCases);
}

public sealed class ExpTestsOnCpu : ExpTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ExpTestsOnIlgpu : ExpTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

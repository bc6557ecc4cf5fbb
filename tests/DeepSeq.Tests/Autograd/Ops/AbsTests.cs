using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of abs against float64 central differences over random shapes and non-contiguous inputs (<see
/// cref="GradGen"/>), with values kept away from the kink; and its convention at the kink (sign(0) = 0, as PyTorch) as
/// a golden value, on both devices.
/// </summary>
public abstract class AbsTests : GradTestBase
{
    [Fact]
    public void AbsGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => v[0].Abs(), "|x|", x), GradCases);

    [Fact]
    public void AbsHasGradientSignOfXAndZeroAtZero()
    {
        var x = Leaf(-2, 0, 3);
        x.Abs().Sum().Backward();
        Assert.Equal([-1.0, 0, 1], x.Grad!.ToArray());  // sign(0) = 0, as PyTorch
    }
}

public sealed class AbsTestsOnCpu : AbsTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class AbsTestsOnIlgpu : AbsTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

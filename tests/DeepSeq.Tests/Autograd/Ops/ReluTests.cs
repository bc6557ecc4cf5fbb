using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of relu against float64 central differences over random shapes and non-contiguous inputs (<see
/// cref="GradGen"/>), with values kept away from the kink; and its convention at the kink (no gradient at zero, as
/// PyTorch and TensorFlow) as a golden value, on both devices.
/// </summary>
public abstract class ReluTests : GradTestBase
{
    [Fact]
    public void ReluGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),   // |x| ≥ 0.5: no element near the kink
        x => AssertGradient(v => v[0].Relu(), "relu x", x), GradCases);

    [Fact]
    public void ReluPassesNoGradientAtZero()
    {
        var x = Leaf(-1, 0, 2);
        x.Relu().Sum().Backward();
        Assert.Equal([0.0, 0, 1], x.Grad!.ToArray());   // relu'(0) = 0, as PyTorch and TensorFlow
    }
}

public sealed class ReluTestsOnCpu : ReluTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ReluTestsOnIlgpu : ReluTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Autograd;
using DeepSeq.Devices;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradients of conv2d with respect to its input and its kernel, against float64 central differences, over
/// random shapes, strides, dilations and paddings (<see cref="ConvGen"/>), on both devices.
/// </summary>
public abstract class Conv2DTests : GradTestBase
{
    [Fact]
    public void Conv2DGradientWithRespectToInputAndKernel() => Property(
        from p in ConvGen.Problem(Device, pooling: false)
        from filters in Gen.Choose(1, 3)
        from x in GradGen.Input(p.X, GradGen.Moderate)
        from w in GradGen.Input([p.Window.H, p.Window.W, p.X[3], filters], GradGen.Moderate)
        select (p.Spec, x, w),
        t => AssertGradient(v => v[0].Conv2D(v[1], t.Spec), $"conv2d({t.Spec})", t.x, t.w), GradCases);

    [Fact]
    public void AShapeMismatchNamesTheOperationAndBothShapes()
    {
        var x = new Variable<double>(DeepSeq.Tensor.Zeros<double>([1, 4, 4, 3], Device));
        var w = new Variable<double>(DeepSeq.Tensor.Zeros<double>([2, 2, 2, 5], Device));
        var e = Assert.Throws<ArgumentException>(() => x.Conv2D(w, WindowSpec.Valid));
        Assert.Contains("conv2d", e.Message);
        Assert.Contains("(1,4,4,3)", e.Message);
        Assert.Contains("(2,2,2,5)", e.Message);
    }
}

public sealed class Conv2DTestsOnCpu : Conv2DTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class Conv2DTestsOnIlgpu : Conv2DTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

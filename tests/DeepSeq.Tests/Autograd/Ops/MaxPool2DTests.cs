using DeepSeq.Autograd;
using DeepSeq.Devices;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of max_pool2d against float64 central differences over random shapes, windows, strides and paddings
/// (<see cref="ConvGen"/>), on both devices.
/// </summary>
public abstract class MaxPool2DTests : GradTestBase
{
    [Fact]
    public void MaxPool2DGradient() => Property(
        from p in ConvGen.Problem(Device, pooling: true)
        from x in GradGen.Input(p.X, GradGen.Moderate)
        select (p.Window, p.Spec, x),
        t => AssertGradient(v => ConvGen.Untied(v).MaxPool2D(t.Window, t.Spec), $"max_pool2d({t.Window}, {t.Spec})", t.x), GradCases);

    [Fact]
    public void TheGradientGoesWholeToTheFirstOfTiedMaxima()
    {
        var x = new Variable<double>(DeepSeq.Tensor.FromArray<double>([2.0, 2, 1, 2], [1, 2, 2, 1], Device), requiresGrad: true);
        x.MaxPool2D((2, 2), new WindowSpec((2, 2), (1, 1), (0, 0, 0, 0))).Sum().Backward();
        Assert.Equal([1.0, 0, 0, 0], x.Grad!.ToArray());
    }
}

public sealed class MaxPool2DTestsOnCpu : MaxPool2DTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class MaxPool2DTestsOnIlgpu : MaxPool2DTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

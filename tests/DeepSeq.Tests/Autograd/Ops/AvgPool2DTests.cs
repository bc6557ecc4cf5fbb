using DeepSeq.Autograd;
using DeepSeq.Devices;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of avg_pool2d against float64 central differences over random shapes, windows, strides and paddings
/// (<see cref="ConvGen"/>), on both devices.
/// </summary>
public abstract class AvgPool2DTests : GradTestBase
{
    [Fact]
    public void AvgPool2DGradient() => Property(
        from p in ConvGen.Problem(Device, pooling: true)
        from x in GradGen.Input(p.X, GradGen.Moderate)
        select (p.Window, p.Spec, x),
        t => AssertGradient(v => v.AvgPool2D(t.Window, t.Spec), $"avg_pool2d({t.Window}, {t.Spec})", t.x), GradCases);
}

public sealed class AvgPool2DTestsOnCpu : AvgPool2DTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class AvgPool2DTestsOnIlgpu : AvgPool2DTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The gradient of slice against float64 central differences over random shapes (rank 1–4, dimensions 1–5) and inputs
/// that are themselves non-contiguous views, under Python's rules (clamped bounds, negative steps); and a sequence
/// reversed and stepped getting its gradient back in place as a golden value, on both devices.
/// </summary>
public abstract class SliceTests : GradTestBase
{
    /// <summary>Cases per property (<see cref="ViewGen.ViewCases"/>).</summary>
    protected override int GradCases => ViewGen.ViewCases(Device);

    /// <summary>The most elements in one generated input.</summary>
    protected override int GradMaxSize => ViewGen.MaxSize(Device);

    [Fact]
    public void SliceGradientWithPythonRulesAndNegativeSteps() => Property(
        from x in ViewGen.Input(GradMaxSize)
        from axis in ViewGen.Axis(x.Shape.Length)
        from start in ViewGen.Bound(x.Shape[axis < 0 ? axis + x.Shape.Length : axis])
        from stop in ViewGen.Bound(x.Shape[axis < 0 ? axis + x.Shape.Length : axis])
        from step in ViewGen.Step
        select (x, axis, start, stop, step),
        t => AssertGradient(v => v[0].Slice(t.axis, t.start, t.stop, t.step), $"slice(axis {t.axis}, {t.start}, {t.stop}, {t.step})", t.x),
        GradCases);

    [Fact]
    public void ASequenceReversedTwiceGetsItsGradientBackInPlace()
    {
        // y = x[::-1][1::2] reads x[3], x[1] of x = [x0, x1, x2, x3, x4]: dL/dx = [0, w1, 0, w0, 0] for weights w of y.
        var x = new Variable<double>(Tensor.FromArray(new[] { 0.0, 1, 2, 3, 4 }, Device), requiresGrad: true);
        var y = x.Flip(0).Slice(0, 1, null, 2);
        Assert.Equal([3.0, 1], y.Data.ToArray());
        y.Backward(Tensor.FromArray(new[] { 10.0, 20 }, Device));
        Assert.Equal([0.0, 20, 0, 10, 0], x.Grad!.ToArray());
    }
}

public sealed class SliceTestsOnCpu : SliceTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class SliceTestsOnIlgpu : SliceTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

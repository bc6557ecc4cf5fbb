using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of clip against float64 central differences over random shapes and non-contiguous inputs (<see
/// cref="GradGen"/>), with bounds off the grid of the values; and its convention on the bounds (the gradient passes, as
/// PyTorch's clamp) as a golden value, on both devices.
/// </summary>
public abstract class ClipTests : GradTestBase
{
    [Fact]
    public void ClipGradient() => Property(
        // Bounds off the 1/1024 grid of the values: no element within the finite-difference step of a bound.
        from low in Gen.Choose(-1800, -600).Select(i => i / 1024.0 + 1.0 / 4096)
        from high in Gen.Choose(600, 1800).Select(i => i / 1024.0 + 1.0 / 4096)
        from x in GradGen.Input(GradMaxSize, GradGen.Moderate)
        select (low, high, x),
        t => AssertGradient(v => v[0].Clip(t.low, t.high), $"clip(x, {t.low}, {t.high})", t.x), GradCases);

    [Fact]
    public void ClipPassesTheGradientOnItsBounds()
    {
        var x = Leaf(-2, -1, 0, 1, 2);
        x.Clip(-1.0, 1.0).Sum().Backward();
        Assert.Equal([0.0, 1, 1, 1, 0], x.Grad!.ToArray());   // PyTorch's clamp: low ≤ x ≤ high passes
    }
}

public sealed class ClipTestsOnCpu : ClipTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ClipTestsOnIlgpu : ClipTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

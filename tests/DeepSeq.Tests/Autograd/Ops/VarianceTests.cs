using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;
using static DeepSeq.Tests.Autograd.ReductionGen;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of variance (ddof 0 and 1) against float64 central differences over random shapes, random sets of axes
/// (negative ones, none, all) with and without keepDims, and non-contiguous inputs (<see cref="GradGen"/>); and 2(x −
/// mean)/(N − ddof) as a golden value, on both devices.
/// </summary>
public abstract class VarianceTests : GradTestBase
{
    [Fact]
    public void VarianceGradient() => Property(
        from x in GradGen.Input(GradMaxSize, GradGen.Moderate)
        from r in GradGen.Reduction(x.Shape.Length)
        from ddof in Gen.Elements(0, 1)
        select (x, r.Axes, r.KeepDims, ddof),
        t =>
        {
            var reduced = t.Axes?.Select(a => a < 0 ? a + t.x.Shape.Length : a) ?? Enumerable.Range(0, t.x.Shape.Length);
            int ddof = reduced.Aggregate(1, (n, d) => n * t.x.Shape[d]) > 1 ? t.ddof : 0;   // N − ddof must stay positive
            AssertGradient(v => v[0].Variance(t.Axes, t.KeepDims, ddof), $"variance({Axes(t.Axes)}, keepDims: {t.KeepDims}, ddof: {ddof})", t.x);
        },
        GradCases);

    [Fact]
    public void VarianceGradientIsTwiceTheDeviationOverNMinusDdof()
    {
        var x = new Variable<double>(Values(1.0, 2, 3, 4), requiresGrad: true);
        x.Variance(ddof: 1).Backward();
        // 2(x − 2.5) / 3
        AssertClose(new RefArray([4], [-1, -1 / 3.0, 1 / 3.0, 1]), x.Grad!, 0, 1e-15, "∂ var(x, ddof 1) / ∂x");
    }
}

public sealed class VarianceTestsOnCpu : VarianceTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class VarianceTestsOnIlgpu : VarianceTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

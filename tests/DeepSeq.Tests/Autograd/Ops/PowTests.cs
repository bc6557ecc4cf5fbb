using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of pow with respect to base and exponent against float64 central differences over random broadcasting
/// pairs and non-contiguous inputs (<see cref="GradGen"/>), and with a constant exponent (integer powers of any base,
/// real powers of a positive one); and as golden values its conventions at a zero base and at a negative base, on both
/// devices.
/// </summary>
public abstract class PowTests : GradTestBase
{
    [Fact]
    public void PowGradientWithRespectToBaseAndExponent() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Positive, GradGen.Moderate),
        t => AssertGradient(v => v[0].Pow(v[1]), "aᵇ", t.A, t.B), GradCases);

    [Fact]
    public void PowWithAConstantExponentGradient() => Property(
        // Integer powers of any sign of base; real powers of a positive base.
        from power in Gen.Elements((2.0, GradGen.Moderate), (3.0, GradGen.Moderate), (-1.0, GradGen.Moderate),
            (-2.0, GradGen.Moderate), (0.5, GradGen.Positive), (1.5, GradGen.Positive), (-0.5, GradGen.Positive))
        from x in GradGen.Input(GradMaxSize, power.Item2)
        select (p: power.Item1, x),
        t => AssertGradient(v => v[0].Pow(t.p), $"x^{t.p}", t.x), GradCases);

    [Fact]
    public void PowConventionsAtAZeroBase()
    {
        // z = aᵇ at (0,0), (0,2), (2,3): da = b·aᵇ⁻¹ but 0 where b = 0; db = z·ln a but 0 where a = 0 and b ≥ 0.
        var (a, b) = (Leaf(0, 0, 2), Leaf(0, 2, 3));
        a.Pow(b).Sum().Backward();
        Assert.Equal([0.0, 0, 12], a.Grad!.ToArray());
        var db = b.Grad!.ToArray();
        Assert.Equal([0.0, 0], db[..2]);
        Assert.Equal(8 * Math.Log(2), db[2], 12);

        var root = Leaf(0);                                     // ∂√a/∂a at 0 is vertical: +∞, as for sqrt
        root.Pow(new Variable<double>(Values(0.5))).Sum().Backward();
        Assert.Equal(double.PositiveInfinity, root.Grad!.Item());
    }

    [Fact]
    public void PowOfANegativeBase()
    {
        // A constant exponent never computes ln a: (−2)² and (−2)³ differentiate as polynomials.
        var x = Leaf(-2, 3);
        (x.Pow(2.0) + x.Pow(3.0)).Sum().Backward();
        Assert.Equal([-4.0 + 12, 6 + 27], x.Grad!.ToArray());

        // A variable exponent has no derivative at a negative base: ln a is NaN, and so is db.
        var (a, b) = (Leaf(-2), Leaf(2));
        a.Pow(b).Sum().Backward();
        Assert.Equal(-4.0, a.Grad!.Item());
        Assert.True(double.IsNaN(b.Grad!.Item()));
    }
}

public sealed class PowTestsOnCpu : PowTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class PowTestsOnIlgpu : PowTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

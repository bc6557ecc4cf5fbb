using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Gradients of the elementwise ops — exp, log, sqrt, tanh, sigmoid, relu, abs, pow, maximum, minimum, clip,
/// where — checked against float64 central differences (<see cref="GradCheck"/>) over random shapes, broadcasting
/// pairs and non-contiguous inputs, with values kept away from every kink (<see cref="GradGen"/>); and golden
/// values for the conventions at the kinks, where a finite difference has no single answer to compare with.
/// </summary>
/// <remarks>Every test here runs on both devices: the CPU, and ILGPU's CPU accelerator with smaller cases.</remarks>
public abstract class ElementwiseGradTests : GradTestBase
{
    protected Variable<double> Leaf(params double[] values) => new(Values(values), requiresGrad: true);

    // ---- properties ----

    [Fact]
    public void SigmoidGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => v[0].Sigmoid(), "σ(x)", x), GradCases);

    [Fact]
    public void PowGradientWithRespectToBaseAndExponent() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Positive, GradGen.Moderate),
        t => AssertGradient(v => v[0].Pow(v[1]), "aᵇ", t.A, t.B), GradCases);

    [Fact]
    public void MaximumGradient() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.ModerateOffGrid),   // never a tie
        t => AssertGradient(v => v[0].Maximum(v[1]), "max(a, b)", t.A, t.B), GradCases);

    [Fact]
    public void WhereGradient() => Property(
        from full in GradGen.Shape(GradMaxSize)
        from shapes in Gen.ArrayOf(TensorGen.Weaken(full), 3)   // condition, a and b broadcast together
        from condition in GradGen.Input(shapes[0], Gen.Elements(0.0, 1.0))
        from a in GradGen.Input(shapes[1], GradGen.Moderate)
        from b in GradGen.Input(shapes[2], GradGen.Moderate)
        select (condition, a, b),
        t =>
        {
            var mask = Make<double>(t.condition);
            AssertGradient(v => VariableOps.Where(mask, v[0], v[1]), $"where({t.condition}, a, b)", t.a, t.b);
        },
        GradCases);

    // ---- the conventions at the kinks ----

    [Fact]
    public void ReluPassesNoGradientAtZero()
    {
        var x = Leaf(-1, 0, 2);
        x.Relu().Sum().Backward();
        Assert.Equal([0.0, 0, 1], x.Grad!.ToArray());   // relu'(0) = 0, as PyTorch and TensorFlow
    }

    [Fact]
    public void AbsHasGradientSignOfXAndZeroAtZero()
    {
        var x = Leaf(-2, 0, 3);
        x.Abs().Sum().Backward();
        Assert.Equal([-1.0, 0, 1], x.Grad!.ToArray());  // sign(0) = 0, as PyTorch
    }

    [Fact]
    public void MaximumSplitsATieInHalf()
    {
        var (a, b) = (Leaf(1, 2, 3), Leaf(1, 3, 2));
        a.Maximum(b).Sum().Backward();
        Assert.Equal([0.5, 0, 1], a.Grad!.ToArray());   // torch.maximum: ½ to each side of a tie
        Assert.Equal([0.5, 1, 0], b.Grad!.ToArray());
    }

    [Fact]
    public void MaximumTiesWithABroadcastOperandAddUp()
    {
        var a = Leaf(2, 2, 1);
        var b = new Variable<double>(Tensor.Scalar(2.0, Device), requiresGrad: true);
        a.Maximum(b).Sum().Backward();
        Assert.Equal([0.5, 0.5, 0], a.Grad!.ToArray());
        Assert.Equal(2.0, b.Grad!.Item());   // ½ + ½ (the ties) + 1 (2 > 1), summed over the positions b was broadcast to
    }

    [Fact]
    public void MinimumSplitsATieInHalf()
    {
        var (a, b) = (Leaf(1, 2, 3), Leaf(1, 3, 2));
        a.Minimum(b).Sum().Backward();
        Assert.Equal([0.5, 1, 0], a.Grad!.ToArray());
        Assert.Equal([0.5, 0, 1], b.Grad!.ToArray());
    }

    [Fact]
    public void ClipPassesTheGradientOnItsBounds()
    {
        var x = Leaf(-2, -1, 0, 1, 2);
        x.Clip(-1.0, 1.0).Sum().Backward();
        Assert.Equal([0.0, 1, 1, 1, 0], x.Grad!.ToArray());   // PyTorch's clamp: low ≤ x ≤ high passes
    }

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

    [Fact]
    public void SqrtAndLogHaveInfiniteSlopeAtZero()
    {
        var x = Leaf(0, 4);
        x.Sqrt().Sum().Backward();
        Assert.Equal([double.PositiveInfinity, 0.25], x.Grad!.ToArray());   // IEEE: 1 / (2·0)
        var y = Leaf(0, 2);
        y.Log().Sum().Backward();
        Assert.Equal([double.PositiveInfinity, 0.5], y.Grad!.ToArray());    // IEEE: 1 / 0
    }

    [Fact]
    public void WhereRoutesTheGradientByTheCondition()
    {
        var (a, b) = (Leaf(1, 2, 3), new Variable<double>(Tensor.Scalar(7.0, Device), requiresGrad: true));
        VariableOps.Where(Values(1.0, 0, 1), a, b).Sum().Backward();
        Assert.Equal([1.0, 0, 1], a.Grad!.ToArray());
        Assert.Equal(1.0, b.Grad!.Item());   // chosen once, at the position where the condition is 0
    }

    [Fact]
    public void ExpGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => v[0].Exp(), "eˣ", x), GradCases);

    [Fact]
    public void LogGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Positive),
        x => AssertGradient(v => v[0].Log(), "ln x", x), GradCases);

    [Fact]
    public void SqrtGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Positive),
        x => AssertGradient(v => v[0].Sqrt(), "√x", x), GradCases);

    [Fact]
    public void TanhGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => v[0].Tanh(), "tanh x", x), GradCases);

    [Fact]
    public void ReluGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),   // |x| ≥ 0.5: no element near the kink
        x => AssertGradient(v => v[0].Relu(), "relu x", x), GradCases);

    [Fact]
    public void AbsGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => v[0].Abs(), "|x|", x), GradCases);

    [Fact]
    public void PowWithAConstantExponentGradient() => Property(
        // Integer powers of any sign of base; real powers of a positive base.
        from power in Gen.Elements((2.0, GradGen.Moderate), (3.0, GradGen.Moderate), (-1.0, GradGen.Moderate),
            (-2.0, GradGen.Moderate), (0.5, GradGen.Positive), (1.5, GradGen.Positive), (-0.5, GradGen.Positive))
        from x in GradGen.Input(GradMaxSize, power.Item2)
        select (p: power.Item1, x),
        t => AssertGradient(v => v[0].Pow(t.p), $"x^{t.p}", t.x), GradCases);

    [Fact]
    public void MinimumGradient() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.ModerateOffGrid),
        t => AssertGradient(v => v[0].Minimum(v[1]), "min(a, b)", t.A, t.B), GradCases);

    [Fact]
    public void ClipGradient() => Property(
        // Bounds off the 1/1024 grid of the values: no element within the finite-difference step of a bound.
        from low in Gen.Choose(-1800, -600).Select(i => i / 1024.0 + 1.0 / 4096)
        from high in Gen.Choose(600, 1800).Select(i => i / 1024.0 + 1.0 / 4096)
        from x in GradGen.Input(GradMaxSize, GradGen.Moderate)
        select (low, high, x),
        t => AssertGradient(v => v[0].Clip(t.low, t.high), $"clip(x, {t.low}, {t.high})", t.x), GradCases);

    /// <summary>
    /// A gradient check compares the backward with the forward, so it cannot see a wrong forward: this property
    /// does, requiring every op's value to equal the tensor core's bit for bit (minimum's −max(−a, −b) included:
    /// negation is exact). Ties are welcome here.
    /// </summary>
    [Fact]
    public void ValuesEqualTheTensorCore() => Property(
        from pair in GradGen.BroadcastInputs(GradMaxSize, TensorGen.RealOrTies, TensorGen.RealOrTies)
        from positive in GradGen.Input(pair.A.Shape, TensorGen.Positive)
        select (pair.A, pair.B, positive),
        t =>
        {
            var (a, b, p) = (Make<double>(t.A), Make<double>(t.B), Make<double>(t.positive));
            var (va, vb, vp) = (new Variable<double>(a), new Variable<double>(b), new Variable<double>(p));
            var mask = a.Greater(b);
            foreach (var (name, variable, tensor) in new[]
                     {
                         ("exp", va.Exp(), a.Exp()), ("log", vp.Log(), p.Log()), ("sqrt", vp.Sqrt(), p.Sqrt()),
                         ("tanh", va.Tanh(), a.Tanh()), ("sigmoid", va.Sigmoid(), a.Sigmoid()), ("relu", va.Relu(), a.Relu()),
                         ("abs", va.Abs(), a.Abs()), ("pow", vp.Pow(vb), p.Pow(b)), ("pow 3", va.Pow(3.0), a.Pow(3.0)),
                         ("maximum", va.Maximum(vb), a.Maximum(b)), ("minimum", va.Minimum(vb), a.Minimum(b)),
                         ("clip", va.Clip(-1.5, 2.0), a.Clip(-1.5, 2.0)), ("where", VariableOps.Where(mask, va, vb), Tensor.Where(mask, a, b)),
                     })
                AssertExact(Ref(tensor), variable.Data, $"{name} of {t.A} and {t.B}");
        },
        GradCases);
}

public sealed class ElementwiseGradTestsOnCpu : ElementwiseGradTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ElementwiseGradTestsOnIlgpu : ElementwiseGradTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

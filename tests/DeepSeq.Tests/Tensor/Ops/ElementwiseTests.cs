using System.Numerics;
using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor.Ops;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Elementwise arithmetic, comparisons and functions against the oracle, over random broadcast shapes and
/// non-contiguous views, plus NumPy's NaN rules, integer extremes and division by zero.
/// </summary>
/// <remarks>
/// Tolerances: +, −, ×, ÷, √, max, min, comparisons, abs, negate, relu and clip are exact — IEEE 754 rounds each
/// once, and the oracle's double result rounded to float is that rounding (inputs lie on a 1/8192 grid, so the
/// double sums and products are exact, and double rounding of ÷ and √ is innocuous for float). exp, log, tanh,
/// sigmoid and pow come from approximations (the CPU's are vectorised): within 8u relative, u the unit roundoff
/// (2⁻²⁴ for float, 2⁻⁵³ for double), plus 8u absolute for results near 0.
/// </remarks>
public abstract class ElementwiseTests : TensorTestBase
{
    // ---- binary ops over broadcast shapes and views ----

    [Fact]
    public void ArithmeticAndComparisonsMatchTheOracle() => Property(
        TensorGen.BroadcastCases(4, MaxSize, TensorGen.RealOrTies, maxDim: MaxDim),
        t => CheckBinaryOps<float>(t.A, t.B));

    [Fact]
    public void Float64ArithmeticAndComparisonsMatchTheOracle() => Property(
        TensorGen.BroadcastCases(4, MaxSize, TensorGen.RealOrTies, maxDim: MaxDim),
        t => CheckBinaryOps<double>(t.A, t.B), cases: Cases / 2);

    private void CheckBinaryOps<T>(TensorCase ca, TensorCase cb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (a, b, ra, rb) = (Make<T>(ca), Make<T>(cb), ca.Expected, cb.Expected);
        string of = $"of {ca}\n  and {cb}";
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x + y), a + b, $"add {of}");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x - y), a - b, $"subtract {of}");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x * y), a * b, $"multiply {of}");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x / y), a / b, $"divide {of}");
        AssertExact(RefArray.Zip(ra, rb, Math.Max), a.Maximum(b), $"maximum {of}");
        AssertExact(RefArray.Zip(ra, rb, Math.Min), a.Minimum(b), $"minimum {of}");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x == y ? 1 : 0), a.Equal(b), $"equal {of}");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x != y ? 1 : 0), a.NotEqual(b), $"not_equal {of}");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x < y ? 1 : 0), a.Less(b), $"less {of}");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x <= y ? 1 : 0), a.LessEqual(b), $"less_equal {of}");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x > y ? 1 : 0), a.Greater(b), $"greater {of}");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x >= y ? 1 : 0), a.GreaterEqual(b), $"greater_equal {of}");
    }

    [Fact]
    public void Int32ArithmeticAndComparisonsMatchTheOracle() => Property(
        TensorGen.BroadcastCases(4, MaxSize, Gen.Choose(-50, 50).Select(i => (double)i), maxDim: MaxDim),
        t =>
        {
            var (a, b, ra, rb) = (Make<int>(t.A), Make<int>(t.B), t.A.Expected, t.B.Expected);
            AssertExact(RefArray.Zip(ra, rb, (x, y) => x + y), a + b, $"add of {t.A} and {t.B}");
            AssertExact(RefArray.Zip(ra, rb, (x, y) => x - y), a - b, $"subtract of {t.A} and {t.B}");
            AssertExact(RefArray.Zip(ra, rb, (x, y) => x * y), a * b, $"multiply of {t.A} and {t.B}");
            AssertExact(RefArray.Zip(ra, rb, Math.Max), a.Maximum(b), $"maximum of {t.A} and {t.B}");
            AssertExact(RefArray.Zip(ra, rb, (x, y) => x <= y ? 1 : 0), a.LessEqual(b), $"less_equal of {t.A} and {t.B}");
            AssertExact(RefArray.Zip(ra, rb, (x, y) => x == y ? 1 : 0), a.Equal(b), $"equal of {t.A} and {t.B}");
        }, cases: Cases / 2);

    [Fact]
    public void IntegerDivisionTruncatesTowardZero()
    {
        var q = Values(7, -7, 7, -7, 0).Divide(Values(2, 2, -2, -2, 3));
        AssertExact(new RefArray([5], [3, -3, -3, 3, 0]), q, "int divide");   // C#, C and Java; NumPy's // would floor
        AssertExact(new RefArray([3], [3, 0, -5]), Values(-3, 0, 5).Abs().Negate().Negate().Abs().Multiply(Values(1, 1, -1)), "abs/negate chain");
    }

    /// <summary>The CPU backend documents that an integer division by zero throws, as C# does.</summary>
    [Fact]
    public void IntegerDivisionByZeroThrows()
        => Assert.Throws<DivideByZeroException>(() => Values(1, 2).Divide(Values(0, 1)).ToArray());

    // ---- unary ops ----

    [Fact]
    public void UnaryFunctionsMatchTheOracle() => Property(
        from x in TensorGen.Case(4, MaxSize, TensorGen.Real, maxDim: MaxDim)
        from p in TensorGen.Case(x.Shape, TensorGen.Positive)
        select (x, p),
        t => CheckUnaryOps<float>(t.x, t.p));

    [Fact]
    public void Float64UnaryFunctionsMatchTheOracle() => Property(
        from x in TensorGen.Case(4, MaxSize, TensorGen.Real, maxDim: MaxDim)
        from p in TensorGen.Case(x.Shape, TensorGen.Positive)
        select (x, p),
        t => CheckUnaryOps<double>(t.x, t.p), cases: Cases / 2);

    private void CheckUnaryOps<T>(TensorCase cx, TensorCase cp) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, p, rx, rp) = (Make<T>(cx), Make<T>(cp), cx.Expected, cp.Expected);
        double tol = 8 * Unit<T>();
        AssertExact(rx.Map(v => -v), x.Negate(), $"negate of {cx}");
        AssertExact(rx.Map(v => -v), -x, $"unary minus of {cx}");
        AssertExact(rx.Map(Math.Abs), x.Abs(), $"abs of {cx}");
        AssertExact(rx.Map(v => Math.Max(v, 0)), x.Relu(), $"relu of {cx}");
        AssertExact(rx.Map(v => Math.Clamp(v, -1.5, 2.25)), x.Clip(T.CreateChecked(-1.5), T.CreateChecked(2.25)), $"clip of {cx}");
        AssertExact(rp.Map(Math.Sqrt), p.Sqrt(), $"sqrt of {cp}");
        AssertClose(rx.Map(Math.Exp), x.Exp(), tol, 0, $"exp of {cx}");
        AssertClose(rp.Map(Math.Log), p.Log(), tol, tol, $"log of {cp}");
        AssertClose(rx.Map(Math.Tanh), x.Tanh(), tol, tol, $"tanh of {cx}");
        AssertClose(rx.Map(v => 1 / (1 + Math.Exp(-v))), x.Sigmoid(), tol, tol, $"sigmoid of {cx}");
        // pow: a positive base to a real exponent in [−3, 3] (so results stay below 10³).
        var exponent = x / T.CreateChecked(10 / 3.0);
        var re = Ref(exponent);
        AssertClose(RefArray.Zip(rp, re, Math.Pow), p.Pow(exponent), 2 * tol, tol, $"pow of {cp} and {re}");
        AssertClose(rp.Map(v => v * v * v), p.Pow(T.CreateChecked(3)), tol, 0, $"cube of {cp}");
    }

    /// <summary>sign ∈ {−1, 0, 1}, and NaN stays NaN.</summary>
    [Fact]
    public void SignIsMinusOneZeroOrOne()
    {
        AssertExact(new RefArray([5], [-1, 0, 1, 1, double.NaN]), Values(-2.5f, 0f, 1e-30f, 7f, float.NaN).Sign(), "sign");
        AssertExact(new RefArray([3], [-1, 0, 1]), Values(-2.0, 0.0, 3.0).Sign(), "sign float64");
        AssertExact(new RefArray([3], [-1, 0, 1]), Values(-9, 0, 4).Sign(), "sign int32");
    }

    [Fact]
    public void ScalarOperatorsBroadcastTheScalar()
    {
        var x = Tensor.Arange(6f, Device).Reshape(2, 3).Transpose();
        var r = Ref(x);
        AssertExact(r.Map(v => v + 2), x + 2f, "x + 2");
        AssertExact(r.Map(v => 2 - v), 2f - x, "2 − x");
        AssertExact(r.Map(v => v - 0.5), x - 0.5f, "x − 0.5");
        AssertExact(r.Map(v => v * 3), 3f * x, "3·x");
        AssertExact(r.Map(v => v * 3), x * 3f, "x·3");
        AssertExact(r.Map(v => v / 4), x / 4f, "x / 4");
        AssertExact(r.Map(v => 3 / v), 3f / x, "3 / x");   // 3/0 = +∞
        Assert.Equal(float.PositiveInfinity, (3f / x)[0, 0]);
    }

    [Fact]
    public void SpecialValuesFollowIeee754()
    {
        AssertExact(new RefArray([4], [double.NegativeInfinity, double.NaN, 0, 1]), Values(0f, -1f, 1f, MathF.E * MathF.E).Log().Minimum(Values(0f, 0f, 0f, 1f)), "log(0), log(−1)");
        AssertExact(new RefArray([2], [double.NaN, 3]), Values(-1f, 9f).Sqrt(), "sqrt(−1)");
        AssertExact(new RefArray([3], [double.PositiveInfinity, 0, 1]), Values(100f, -200f, 0f).Exp().Minimum(Values(float.PositiveInfinity, 1f, 1f)), "exp overflow and underflow");
        // Sigmoid = 1/(1 + e⁻ˣ): e⁻ˣ = ∞ for x = −1000 gives 1/∞ = 0, not NaN.
        AssertExact(new RefArray([3], [0, 0.5, 1]), Values(-1000f, 0f, 1000f).Sigmoid(), "sigmoid at ±1000");
        AssertExact(new RefArray([2], [-1, 1]), Values(-20f, 20f).Tanh(), "tanh saturates");
        AssertExact(new RefArray([4], [double.NaN, -8, 1, 0.5]), Values(-8f, -2f, 0f, 4f).Pow(Values(1 / 3f, 3f, 0f, -0.5f)), "pow");
        AssertExact(new RefArray([3], [double.PositiveInfinity, double.NegativeInfinity, double.NaN]), Values(1f, -1f, 0f) / 0f, "x / 0");
    }

    // ---- NaN rules ----

    /// <summary>
    /// NumPy's maximum/minimum propagate NaN; every comparison with NaN is false except ≠.
    /// 37 elements: the CPU runs 16-lane (or 8-lane) vectors and a scalar tail, and NaN must be caught by both.
    /// </summary>
    [Fact]
    public void NaNPropagatesThroughMaxAndMinAndFailsEveryComparisonButNotEqual()
    {
        var av = Enumerable.Range(0, 37).Select(i => (float)(i % 5)).ToArray();
        var bv = Enumerable.Range(0, 37).Select(i => (float)(i % 3) + 0.5f).ToArray();
        foreach (int i in new[] { 3, 33 }) av[i] = float.NaN;      // a vector lane and the tail
        foreach (int i in new[] { 20, 35 }) bv[i] = float.NaN;
        var (a, b) = (Values(av), Values(bv));
        var (ra, rb) = (new RefArray([37], av.Select(v => (double)v).ToArray()), new RefArray([37], bv.Select(v => (double)v).ToArray()));
        // Math.Max/Min propagate NaN, like NumPy's maximum/minimum; C# comparisons are IEEE 754.
        AssertExact(RefArray.Zip(ra, rb, Math.Max), a.Maximum(b), "maximum");
        AssertExact(RefArray.Zip(ra, rb, Math.Min), a.Minimum(b), "minimum");
        AssertExact(RefArray.Zip(rb, ra, Math.Max), b.Maximum(a), "maximum, operands swapped");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x == y ? 1 : 0), a.Equal(b), "equal");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x != y ? 1 : 0), a.NotEqual(b), "not_equal");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x < y ? 1 : 0), a.Less(b), "less");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x <= y ? 1 : 0), a.LessEqual(b), "less_equal");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x > y ? 1 : 0), a.Greater(b), "greater");
        AssertExact(RefArray.Zip(ra, rb, (x, y) => x >= y ? 1 : 0), a.GreaterEqual(b), "greater_equal");
        Assert.Equal(0f, a.Equal(a)[3]);
        Assert.Equal(1f, a.NotEqual(a)[3]);
        // A NaN scalar broadcast against a run (the splat path) poisons every element.
        Assert.All(a.Maximum(a.Scalar(float.NaN)).ToArray(), v => Assert.True(float.IsNaN(v)));
        Assert.All(a.Scalar(float.NaN).Minimum(a).ToArray(), v => Assert.True(float.IsNaN(v)));
        // relu, clip, abs and negate keep NaN.
        Assert.True(float.IsNaN(a.Relu()[3]));
        Assert.True(float.IsNaN(a.Clip(0f, 1f)[33]));
        Assert.True(float.IsNaN(a.Abs()[33]));
        Assert.True(float.IsNaN(a.Negate()[3]));
    }

    [Fact]
    public void IntegerExtremesWrapAsInNumPyInsteadOfThrowing()
    {
        // numpy.abs(np.int32(-2**31)) == -2**31; np.int32(-2**31) // -1 == -2**31 (with a warning).
        Assert.Equal([int.MinValue, 5, 5], Values(int.MinValue, -5, 5).Abs().ToArray());
        Assert.Equal([int.MinValue, -7, 3], Values(int.MinValue, 7, -7).Divide(Values(-1, -1, -2)).ToArray());
    }

    [Fact]
    public void IntegerDivisionByZeroIsRefusedBeforeAnyKernelRuns()
    {
        Throws<DivideByZeroException>(() => Values(1, 2).Divide(Values(1, 0)), "divide", "division by zero");
        Assert.Empty(Tensor.Zeros<int>(new Shape(0), Device).Divide(Values(0)).ToArray());   // nothing divided, nothing refused
    }

    [Fact]
    public void FloatDivisionFollowsIeee()
    {
        var q = Values(1f, -1f, 0f, 6f).Divide(Values(0f, 0f, 0f, -1f)).ToArray();
        Assert.Equal(float.PositiveInfinity, q[0]);
        Assert.Equal(float.NegativeInfinity, q[1]);
        Assert.True(float.IsNaN(q[2]));
        Assert.Equal(-6f, q[3]);
    }
}

public sealed class ElementwiseTestsOnCpu : ElementwiseTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ElementwiseTestsOnIlgpu : ElementwiseTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

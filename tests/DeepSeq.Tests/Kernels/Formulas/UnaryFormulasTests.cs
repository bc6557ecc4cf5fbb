using DeepSeq.Kernels.Formulas;
using Xunit;

namespace DeepSeq.Tests.Kernels.Formulas;

/// <summary>
/// <see cref="ErfOp{T}"/>, the one scalar formula here with no .NET counterpart to compare against: float64 values
/// against CPython's <c>math.erf</c> (correctly rounded to within an ulp) on both sides of each regime boundary
/// (series below 2.5, continued fraction to 6, ±1 beyond), its oddness, and NaN.
/// </summary>
public sealed class UnaryFormulasTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1e-8, 1.1283791670955126e-08)]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(2.4999, 0.9995928300996666)]
    [InlineData(2.5, 0.999593047982555)]
    [InlineData(3.0, 0.9999779095030014)]
    [InlineData(4.0, 0.9999999845827421)]
    [InlineData(5.9, 0.9999999999999999)]
    [InlineData(6.0, 1.0)]
    [InlineData(-1.5, -0.9661051464753108)]
    public void ErfMatchesMathErfInFloat64(double x, double expected)
    {
        double y = ErfOp<double>.Apply(x);
        Assert.True(Math.Abs(y - expected) <= 2e-15, $"erf({x:R}) = {y:R}, math.erf gives {expected:R}");
        Assert.Equal(-y, ErfOp<double>.Apply(-x));
    }

    [Fact]
    public void ErfOfNanIsNanAndOfInfinityIsOne()
    {
        Assert.True(double.IsNaN(ErfOp<double>.Apply(double.NaN)));
        Assert.Equal(1.0, ErfOp<double>.Apply(double.PositiveInfinity));
        Assert.Equal(-1.0, ErfOp<double>.Apply(double.NegativeInfinity));
        Assert.Equal(0.8427008f, ErfOp<float>.Apply(1f), 6);
    }
}

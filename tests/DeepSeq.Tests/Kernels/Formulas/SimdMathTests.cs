using System.Runtime.Intrinsics;
using DeepSeq.Kernels.Cpu;
using DeepSeq.Kernels.Formulas;
using Xunit;

namespace DeepSeq.Tests.Kernels.Formulas;

/// <summary>
/// DeepSeq's own vector float math against the correctly rounded value computed in double, through the map
/// kernel's vector path: exp (SimdMath.ExpSingle) within 1 ulp everywhere, exact at 0, and IEEE at the edges;
/// tanh (SimdMath.TanhSingle) within 2 ulp, with its edges and symmetry.
/// </summary>
public sealed class SimdMathTests
{
    private static float[] VectorExp(float[] x)
    {
        var y = new float[x.Length];
        Map.Contiguous<float, float, ExpOp<float>>(y, x);
        return y;
    }

    // Distance in units in the last place between two finite floats of the same sign (or zero).
    private static int Ulps(float a, float b) => Math.Abs(BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));

    [Fact]
    public void ExpIsWithinOneUlpFromSubnormalResultsToOverflow()
    {
        var rng = new Random(11);
        var x = Enumerable.Range(0, 200_000).Select(_ => (float)(rng.NextDouble() * 200 - 105)).ToArray();
        var y = VectorExp(x);
        int worst = 0;
        float at = 0;
        for (int i = 0; i < x.Length; i++)
        {
            int d = Ulps(y[i], (float)Math.Exp(x[i]));
            if (d > worst) (worst, at) = (d, x[i]);
        }
        Assert.True(worst <= 1, $"exp is {worst} ulp off at x = {at:R}");
    }

    /// <summary>The 512-bit forms (one pass with AVX-512, else two 256-bit halves) against the 256-bit ones, bit for
    /// bit: the same operations lane by lane, so the map kernel's width never shows in a result.</summary>
    [Fact]
    public void The512BitExpAndTanhAreThe256BitOnesLaneByLane()
    {
        var rng = new Random(5);
        var x = Enumerable.Range(0, 16 * 4096).Select(_ => (float)(rng.NextDouble() * 220 - 110))
            .Concat([float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 0.4999f, -0.5f, 1e-30f,
                88.7229f, -103.98f, 3f, -3f, 9.5f, -9.5f, 0.25f, 1f]).ToArray();
        for (int i = 0; i < x.Length; i += 16)
        {
            var v = Vector512.Create(x.AsSpan(i, 16));
            var (exp, tanh) = (SimdMath.ExpSingle(v), SimdMath.TanhSingle(v));
            for (int half = 0; half < 2; half++)
            {
                var h = half == 0 ? v.GetLower() : v.GetUpper();
                var (e8, t8) = (SimdMath.ExpSingle(h), SimdMath.TanhSingle(h));
                for (int j = 0; j < 8; j++)
                {
                    int lane = half * 8 + j;
                    Assert.Equal(BitConverter.SingleToInt32Bits(e8[j]), BitConverter.SingleToInt32Bits(exp[lane]));
                    Assert.Equal(BitConverter.SingleToInt32Bits(t8[j]), BitConverter.SingleToInt32Bits(tanh[lane]));
                }
            }
        }
    }

    [Fact]
    public void ExpOfZeroIsExactlyOneSoSoftmaxOfAOneHotRowIsExact()
    {
        Assert.All(VectorExp(new float[37]), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void ExpFollowsIeeeAtTheEdges()
    {
        float[] x = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 88.72283f, 88.7229f, -103.972f, -103.98f, -87.33655f];
        var y = VectorExp(x);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(float.PositiveInfinity, y[1]);
        Assert.Equal(0f, y[2]);
        Assert.Equal((float)Math.Exp(88.72283f), y[3]);          // the largest finite result
        Assert.Equal(float.PositiveInfinity, y[4]);              // just beyond ln(float.MaxValue)
        Assert.Equal(float.Epsilon, y[5]);                       // rounds up to the smallest subnormal
        Assert.Equal(0f, y[6]);                                  // below half of it: 0
        Assert.Equal((float)Math.Exp(-87.33655f), y[7]);         // the smallest normal result
    }

    private static float[] VectorTanh(float[] x)
    {
        var y = new float[x.Length];
        Map.Contiguous<float, float, TanhOp<float>>(y, x);
        return y;
    }

    [Fact]
    public void TanhIsWithinTwoUlpNearZeroAcrossTheSwitchAndInTheTails()
    {
        var rng = new Random(5);
        var x = Enumerable.Range(0, 100_000).Select(_ => (float)(rng.NextDouble() * 24 - 12))
            .Concat(Enumerable.Range(0, 20_000).Select(_ => (float)(rng.NextDouble() * 1.2 - 0.6)))             // around the ½ switch
            .Concat(Enumerable.Range(0, 20_000).Select(_ => (float)Math.Pow(10, -rng.NextDouble() * 30) * (rng.Next(2) * 2 - 1)))  // tiny
            .ToArray();
        var y = VectorTanh(x);
        int worst = 0;
        float at = 0;
        for (int i = 0; i < x.Length; i++)
        {
            int d = Math.Abs(BitConverter.SingleToInt32Bits(y[i]) - BitConverter.SingleToInt32Bits((float)Math.Tanh(x[i])));
            if (d > worst) (worst, at) = (d, x[i]);
        }
        Assert.True(worst <= 2, $"tanh is {worst} ulp off at x = {at:R}");
    }

    [Fact]
    public void TanhKeepsItsEdgesAndSymmetry()
    {
        var y = VectorTanh([0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 50f, -50f, 1e-30f]);
        Assert.Equal(0f, y[0]);
        Assert.Equal(1f, y[2]);
        Assert.Equal(-1f, y[3]);
        Assert.True(float.IsNaN(y[4]));
        Assert.Equal(1f, y[5]);
        Assert.Equal(-1f, y[6]);
        Assert.Equal(1e-30f, y[7]);
        var x = Enumerable.Range(1, 64).Select(i => i * 0.173f).ToArray();
        Assert.Equal(VectorTanh(x).Select(v => -v), VectorTanh(x.Select(v => -v).ToArray()));
    }
}

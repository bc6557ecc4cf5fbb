using DeepSeq.Kernels;
using Xunit;
using static DeepSeq.Tests.Kernels.ConvCases;

namespace DeepSeq.Tests.Kernels.Cpu;

using Cpu = DeepSeq.Kernels.Cpu;

/// <summary>
/// The pooling kernels against the definition written out per window here, their gradients by the identities that
/// pin them (average: the adjoint of its forward; max: linear in x for a fixed arg-max), and the documented rules:
/// ties to the first maximum, NaN wins, "same" padding divides by the positions inside.
/// </summary>
public sealed class Pool2DTests
{
    [Fact]
    public void ForwardPassesAreTheMaximumAndMeanOfEachWindow()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            var rng = new Random(seed);
            var g = SamePadded(rng);
            double[] x = Values<double>(rng, g.InputSize), max = new double[g.OutputSize];
            double[] mean = new double[g.OutputSize];
            Cpu.Pool2D.MaxForward(max, x, g);
            Cpu.Pool2D.AverageForward(mean, x, g);
            for (int b = 0; b < g.Batch; b++)
            for (int oh = 0; oh < g.OutH; oh++)
            for (int ow = 0; ow < g.OutW; ow++)
            for (int c = 0; c < g.InC; c++)
            {
                var window = Window(x, g, b, oh, ow, c);
                int o = g.OutputIndex(b, oh, ow, c);
                Assert.True(window.Max() == max[o], $"{g}: max at {o}");
                Assert.True(Math.Abs(window.Average() - mean[o]) < 1e-12, $"{g}: mean at {o}");
            }
        }
    }

    [Fact]
    public void GradientsAreTheAdjointsOfTheForwardPasses()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            var rng = new Random(seed);
            var g = SamePadded(rng);
            double[] x = Values<double>(rng, g.InputSize), dy = Values<double>(rng, g.OutputSize);
            double[] y = new double[g.OutputSize], dx = new double[g.InputSize];
            Cpu.Pool2D.AverageForward(y, x, g);
            Cpu.Pool2D.AverageBackward(dx, dy, g);
            Assert.True(Math.Abs(Dot(y, dy) - Dot(x, dx)) < 1e-9, $"{g}: average");
            // For a fixed arg-max, max pooling is y = x[argmax]: linear, with the backward pass its transpose.
            Cpu.Pool2D.MaxForward(y, x, g);
            Cpu.Pool2D.MaxBackward(dx, dy, x, g);
            Assert.True(Dot(y, dy) == Dot(x, dx), $"{g}: max");
            Assert.Equal(dy.Sum(), dx.Sum());   // every window's dy lands somewhere, once
        }
    }

    [Fact]
    public void MaxGradientGoesToTheFirstOfTiedMaxima()
    {
        // One 2 × 2 window of equal values: all of dy goes to the top-left one.
        var g = ConvGeometry.Create("test", 1, 2, 2, 1, 2, 2, 1, (2, 2), (1, 1), (0, 0, 0, 0));
        var dx = new double[4];
        Cpu.Pool2D.MaxBackward(dx, [5.0], [3.0, 3.0, 3.0, 3.0], g);
        Assert.Equal([5.0, 0, 0, 0], dx);
    }

    [Fact]
    public void NaNWinsTheWindowAndTakesItsGradient()
    {
        var g = ConvGeometry.Create("test", 1, 1, 3, 1, 1, 3, 1, (1, 1), (1, 1), (0, 0, 0, 0));
        double[] x = [1, double.NaN, 7], y = new double[1], dx = new double[3];
        Cpu.Pool2D.MaxForward(y, x, g);
        Cpu.Pool2D.MaxBackward(dx, [1.0], x, g);
        Assert.True(double.IsNaN(y[0]));
        Assert.Equal([0.0, 1, 0], dx);
    }

    [Fact]
    public void SamePaddedAverageDividesByThePositionsInside()
    {
        // 3 values, pool 2, stride 2, "same": windows {1, 2} and {3, padding} → 1.5 and 3 (not 1.5).
        var g = ConvGeometry.Create("test", 1, 1, 3, 1, 1, 2, 1, (1, 2), (1, 1), (0, 0, 0, 1));
        var y = new double[2];
        Cpu.Pool2D.AverageForward(y, [1.0, 2, 3], g);
        Assert.Equal([1.5, 3], y);
    }

    // A pooling geometry with TensorFlow's "same" padding (pad < window, so no window is all padding).
    private static ConvGeometry SamePadded(Random rng)
    {
        var drawn = Geometry(rng, pooling: true);
        if (rng.Next(2) == 0) return drawn;
        var (top, bottom) = DeepSeq.WindowSpec.Same(drawn.InH, drawn.KH, drawn.StrideH, 1);
        var (left, right) = DeepSeq.WindowSpec.Same(drawn.InW, drawn.KW, drawn.StrideW, 1);
        return ConvGeometry.Create("test", drawn.Batch, drawn.InH, drawn.InW, drawn.InC, drawn.KH, drawn.KW,
            drawn.InC, (drawn.StrideH, drawn.StrideW), (1, 1), (top, bottom, left, right));
    }

    private static List<double> Window(double[] x, in ConvGeometry g, int b, int oh, int ow, int c)
    {
        var values = new List<double>();
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
        {
            int ih = oh * g.StrideH - g.PadTop + kh, iw = ow * g.StrideW - g.PadLeft + kw;
            if (ih >= 0 && ih < g.InH && iw >= 0 && iw < g.InW) values.Add(x[((b * g.InH + ih) * g.InW + iw) * g.InC + c]);
        }
        return values;
    }
}

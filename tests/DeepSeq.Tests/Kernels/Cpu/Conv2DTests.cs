using DeepSeq.Kernels;
using Xunit;
using static DeepSeq.Tests.Kernels.ConvCases;

namespace DeepSeq.Tests.Kernels.Cpu;

using Cpu = DeepSeq.Kernels.Cpu;

/// <summary>
/// The convolution kernels: V1 (the definition) pinned by a hand-computed case and by the adjoint identities that
/// make its two gradients the transposes of its forward pass; V2 (im2col + GEMM, the production one) against V1 on
/// random geometries, in both precisions, on sizes small and large enough to run in parallel.
/// </summary>
public sealed class Conv2DTests
{
    [Fact]
    public void V1IsCrossCorrelationNotAFlippedConvolution()
    {
        // x = 1 2 3 4 5 (one row, one channel), w = 1 0 −1, stride 1, no padding: y_t = x_t − x_{t+2}.
        var g = ConvGeometry.Create("test", 1, 1, 5, 1, 1, 3, 1, (1, 1), (1, 1), (0, 0, 0, 0));
        var y = new double[g.OutputSize];
        Cpu.Conv2DV1Direct.Forward(y, [1, 2, 3, 4, 5], [1, 0, -1], g);
        Assert.Equal([-2, -2, -2], y);
    }

    [Fact]
    public void V1PadsWithZerosAndStepsByTheStrideAndDilation()
    {
        // x = 1…6, w = 1 1, dilation 2, stride 2, one zero on the left: y_j = x[2j − 1] + x[2j + 1].
        var g = ConvGeometry.Create("test", 1, 1, 6, 1, 1, 2, 1, (1, 2), (1, 2), (0, 0, 1, 0));
        var y = new double[g.OutputSize];
        Cpu.Conv2DV1Direct.Forward(y, [1, 2, 3, 4, 5, 6], [1, 1], g);
        Assert.Equal([0 + 2, 2 + 4, 4 + 6], y);
    }

    [Fact]
    public void V1GradientsAreTheAdjointsOfItsForwardPass()
    {
        // ⟨conv(x, w), dy⟩ = ⟨x, dx(dy, w)⟩ = ⟨w, dw(x, dy)⟩: the gradients of a bilinear map, exactly (integers).
        for (int seed = 0; seed < 200; seed++)
        {
            var rng = new Random(seed);
            var g = Geometry(rng);
            double[] x = Values<double>(rng, g.InputSize), w = Values<double>(rng, g.KernelSize);
            double[] dy = Values<double>(rng, g.OutputSize);
            double[] y = new double[g.OutputSize], dx = new double[g.InputSize], dw = new double[g.KernelSize];
            Cpu.Conv2DV1Direct.Forward(y, x, w, g);
            Cpu.Conv2DV1Direct.InputGradient(dx, dy, w, g);
            Cpu.Conv2DV1Direct.WeightGradient(dw, x, dy, g);
            double expected = Dot(y, dy);
            Assert.True(expected == Dot(x, dx), $"{g}: ⟨y, dy⟩ = {expected}, ⟨x, dx⟩ = {Dot(x, dx)}");
            Assert.True(expected == Dot(w, dw), $"{g}: ⟨y, dy⟩ = {expected}, ⟨w, dw⟩ = {Dot(w, dw)}");
        }
    }

    [Fact]
    public void V2MatchesV1OnRandomGeometriesInDouble() => V2MatchesV1<double>(cases: 300, maxSide: 7);

    [Fact]
    public void V2MatchesV1OnRandomGeometriesInFloat() => V2MatchesV1<float>(cases: 300, maxSide: 7);

    [Fact]
    public void V2MatchesV1WhereItRunsInParallelAndBlocksSpanImages()
    {
        // 8 images of 16 × 16 × 16, a 3 × 3 kernel to 32 filters: 2048 rows of 144, 9.4 M multiply-adds, above the
        // parallel threshold; 455 rows a block, so blocks straddle images.
        var g = ConvGeometry.Create("test", 8, 16, 16, 16, 3, 3, 32, (1, 1), (1, 1), (1, 1, 1, 1));
        Assert.True((long)g.OutputPixels * g.PatchSize * g.OutC > Cpu.Blocks.ParallelThreshold);
        AssertV2MatchesV1<float>(new Random(7), g);
    }

    [Fact]
    public void V2GivesTheSameBitsOnEveryRun()
    {
        var g = ConvGeometry.Create("test", 8, 16, 16, 16, 3, 3, 32, (1, 1), (1, 1), (1, 1, 1, 1));
        var rng = new Random(3);
        float[] x = Values<float>(rng, g.InputSize), dy = Values<float>(rng, g.OutputSize);
        for (int i = 0; i < x.Length; i++) x[i] *= 0.37f;   // non-integers: the order of every sum shows
        float[] first = new float[g.KernelSize], second = new float[g.KernelSize];
        Cpu.Conv2DV2Im2Col.WeightGradient(first, x, dy, g);
        Cpu.Conv2DV2Im2Col.WeightGradient(second, x, dy, g);
        Assert.Equal(first, second);
    }

    private static void V2MatchesV1<T>(int cases, int maxSide)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        for (int seed = 0; seed < cases; seed++)
        {
            var rng = new Random(seed);
            AssertV2MatchesV1<T>(rng, Geometry(rng, maxSide: maxSide));
        }
    }

    // Integer values: both versions' sums are exact, so they must agree bit for bit in either precision.
    private static void AssertV2MatchesV1<T>(Random rng, ConvGeometry g)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] x = Values<T>(rng, g.InputSize), w = Values<T>(rng, g.KernelSize), dy = Values<T>(rng, g.OutputSize);
        T[] y1 = new T[g.OutputSize], y2 = Poisoned<T>(g.OutputSize);
        Cpu.Conv2DV1Direct.Forward(y1, x, w, g);
        Cpu.Conv2DV2Im2Col.Forward(y2, x, w, g);
        Assert.True(y1.AsSpan().SequenceEqual(y2), $"forward differs for {g}");
        T[] dx1 = new T[g.InputSize], dx2 = Poisoned<T>(g.InputSize);
        Cpu.Conv2DV1Direct.InputGradient(dx1, dy, w, g);
        Cpu.Conv2DV2Im2Col.InputGradient(dx2, dy, w, g);
        Assert.True(dx1.AsSpan().SequenceEqual(dx2), $"input gradient differs for {g}");
        T[] dw1 = new T[g.KernelSize], dw2 = Poisoned<T>(g.KernelSize);
        Cpu.Conv2DV1Direct.WeightGradient(dw1, x, dy, g);
        Cpu.Conv2DV2Im2Col.WeightGradient(dw2, x, dy, g);
        Assert.True(dw1.AsSpan().SequenceEqual(dw2), $"weight gradient differs for {g}");
    }

    // Outputs start as NaN: a kernel that forgets an element shows it.
    private static T[] Poisoned<T>(long n) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var a = new T[n];
        Array.Fill(a, T.NaN);
        return a;
    }
}

using DeepSeq.Kernels.Cpu;
using Xunit;

namespace DeepSeq.Tests.Tensor.Init;

/// <summary>src/Tensor/Init/Generator.cs: the counter-based generator's offsets, reproducible draws and the orthogonal
/// fill.</summary>
public sealed class GeneratorTests
{
    [Fact]
    public void GeneratorAdvancesByTheBlocksEachDrawConsumes()
    {
        var g = new Generator(10);
        Assert.Equal(0ul, g.Reserve<float>(10));  // ⌈10/4⌉ = 3 blocks
        Assert.Equal(3ul, g.Reserve<double>(5));  // ⌈5/2⌉ = 3 blocks
        Assert.Equal(6ul, g.Offset);
        Assert.Equal(10ul, g.Seed);
    }

    [Fact]
    public void SuccessiveDrawsDifferAndTheSeedReproducesTheSequence()
    {
        var g1 = new Generator(11);
        var g2 = new Generator(11);
        var a = new float[100];
        var b = new float[100];
        var c = new float[100];
        var d = new float[100];
        g1.Normal(a.AsSpan(), 0f, 1f);
        g1.Normal(b.AsSpan(), 0f, 1f);
        g2.Normal(c.AsSpan(), 0f, 1f);
        g2.Normal(d.AsSpan(), 0f, 1f);
        Assert.NotEqual(a, b);
        Assert.Equal(a, c);
        Assert.Equal(b, d);
        // The second draw is exactly the fill at the offset after the first.
        var e = new float[100];
        RandomFill.Normal(e, 11, RandomFill.BlocksFor<float>(100), 0f, 1f);
        Assert.Equal(b, e);
    }

    [Theory]
    [InlineData(12, 5)]
    [InlineData(5, 12)]
    [InlineData(7, 7)]
    public void OrthogonalFillIsOrthonormalAlongItsShortSideAndScaledByGain(int rows, int cols)
    {
        var w = new double[rows * cols];
        new Generator(12).Orthogonal<double>(w, rows, cols, gain: 3.0);
        HouseholderQrTests.AssertGram(w, rows, cols, 9.0, 1e-12);

        var f = new float[rows * cols];
        new Generator(12).Orthogonal<float>(f, rows, cols, gain: 3.0);
        Assert.Equal(w.Select(e => (float)e).ToArray(), f); // drawn in double whatever T is
    }

    [Fact]
    public void OrthogonalFillRefusesASpanOfTheWrongSize()
    {
        Assert.Throws<ArgumentException>(() => new Generator(0).Orthogonal<float>(new float[5], 2, 3));
    }
}

using DeepSeq.Kernels.Cpu;
using DeepSeq.Kernels.Formulas;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static DeepSeq.Tests.Kernels.StridedViews;

namespace DeepSeq.Tests.Kernels.Cpu;

/// <summary>The CPU zip kernel against the elementwise definition, and its comparisons' IEEE results.</summary>
public sealed class ZipTests
{
    [Property(MaxTest = 200)]
    public Property ZipMatchesTheElementwiseDefinition(int seed)
    {
        var rng = new Random(seed);
        var shape = RandomShape(rng);
        var (a, al) = RandomView(rng, shape);
        var (b, bl) = RandomView(rng, shape);
        var (z, zl) = RandomView(rng, shape, allowBroadcast: false);
        Zip.Strided<float, SubtractOp<float>>(z, zl, a, al, b, bl);
        var expected = Read(a, al).Zip(Read(b, bl), (p, q) => p - q);
        return Read(z, zl).SequenceEqual(expected).Label($"shape {string.Join(',', shape)}");
    }

    [Fact]
    public void ComparisonsGiveOneOrZeroAndFollowIeeeForNaN()
    {
        float[] x = [1, 2, float.NaN, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
        float[] y = [1, 3, float.NaN, 4, 0, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, float.NaN];
        var eq = new float[x.Length];
        var ne = new float[x.Length];
        Zip.Contiguous<float, EqualOp<float>>(eq, x, y);
        Zip.Contiguous<float, NotEqualOp<float>>(ne, x, y);
        Assert.Equal([1f, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0], eq);
        Assert.Equal([0f, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], ne);
    }
}

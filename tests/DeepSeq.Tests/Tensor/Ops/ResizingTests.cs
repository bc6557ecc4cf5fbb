using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor.Ops;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// resize_bilinear against a direct four-neighbour interpolation written from TensorFlow's definition (half-pixel
/// centres, clamped at the borders), on random sizes both up and down and on inputs in any memory layout; values
/// TensorFlow prints for a 2 × 2 image; identity at the same size; errors naming the op and the shapes.
/// </summary>
public abstract class ResizingTests : TensorTestBase
{
    /// <summary>y[b, i, j, c] by the textbook formula: source point s = (i + ½) · in / out − ½ clamped to the
    /// image, then the blend of the four pixels around it.</summary>
    private static RefArray Reference(RefArray x, int height, int width)
    {
        int h = x.Shape[1], w = x.Shape[2];
        return RefArray.Build([x.Shape[0], height, width, x.Shape[3]], idx =>
        {
            var (r0, r1, fr) = Source(idx[1], h, height);
            var (c0, c1, fc) = Source(idx[2], w, width);
            double At(int r, int c) => x[[idx[0], r, c, idx[3]]];
            return (1 - fr) * ((1 - fc) * At(r0, c0) + fc * At(r0, c1)) + fr * ((1 - fc) * At(r1, c0) + fc * At(r1, c1));
        });

        static (int Low, int High, double Fraction) Source(int i, int from, int to)
        {
            double s = Math.Max(0, (i + 0.5) * from / to - 0.5);
            int low = Math.Min((int)s, from - 1);
            return (low, Math.Min(low + 1, from - 1), Math.Min(s, from - 1) - low);
        }
    }

    [Fact]
    public void ResizeBilinearMatchesTheFourNeighbourFormula() => Property(
        from n in Gen.Choose(1, 2)
        from h in Gen.Choose(1, 6)
        from w in Gen.Choose(1, 6)
        from c in Gen.Choose(1, 3)
        from height in Gen.Choose(1, 9)
        from width in Gen.Choose(1, 9)
        from x in TensorGen.Case([n, h, w, c], TensorGen.Real)
        select (x, height, width),
        t => AssertClose(Reference(t.x.Expected, t.height, t.width), Make<double>(t.x).ResizeBilinear(t.height, t.width),
            1e-12, 1e-12, $"resize_bilinear({t.height}, {t.width}) of {t.x}"));

    [Fact]
    public void UpsamplingTwoByTwoGivesTensorFlowsValues()
    {
        // tf.image.resize([[[[0.], [1.]], [[2.], [3.]]]], (4, 4), "bilinear")[0, :, :, 0]
        var x = Tensor.FromArray([0.0, 1, 2, 3], new Shape(1, 2, 2, 1), Device);
        double[] expected = [0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3];
        Assert.Equal(expected, x.ResizeBilinear(4, 4).ToArray());
        Assert.Equal(new Shape(1, 4, 4, 1), x.ResizeBilinear(4, 4).Shape);
    }

    [Fact]
    public void TheSameSizeIsTheIdentityAndEveryRowOfTheMatrixSumsToOne()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 2 * 3 * 5 * 2).Select(i => (float)i).ToArray(),
            new Shape(2, 3, 5, 2), Device);
        Assert.Equal(x.ToArray(), x.ResizeBilinear(3, 5).ToArray());
        var m = Resizing.BilinearMatrix<double>(7, 28).ToArray();
        for (int i = 0; i < 28; i++) Assert.Equal(1.0, m.Skip(i * 7).Take(7).Sum(), 12);
    }

    [Fact]
    public void BadInputNamesTheOpAndTheShape()
    {
        var x = Tensor.Zeros<float>(new Shape(2, 7, 7), Device);
        Throws<ArgumentException>(() => x.ResizeBilinear(28, 28), "resize_bilinear", "(2,7,7)", "(batch, height");
        var y = Tensor.Zeros<float>(new Shape(1, 7, 7, 1), Device);
        Throws<ArgumentException>(() => y.ResizeBilinear(0, 28), "resize_bilinear", "(1,7,7,1)", "at least 1");
    }
}

public sealed class ResizingTestsOnCpu : ResizingTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ResizingTestsOnIlgpu : ResizingTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

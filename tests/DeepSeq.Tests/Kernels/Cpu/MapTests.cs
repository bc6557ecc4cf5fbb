using DeepSeq.Kernels;
using DeepSeq.Kernels.Cpu;
using DeepSeq.Kernels.Formulas;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static DeepSeq.Tests.Kernels.StridedViews;

namespace DeepSeq.Tests.Kernels.Cpu;

/// <summary>The CPU map kernel against the elementwise definition, its tiled transpose, and its layout-independent bits.</summary>
public sealed class MapTests
{
    [Property(MaxTest = 200)]
    public Property MapMatchesTheElementwiseDefinition(int seed)
    {
        var rng = new Random(seed);
        var shape = RandomShape(rng);
        var (x, xl) = RandomView(rng, shape);
        var (y, yl) = RandomView(rng, shape, allowBroadcast: false);
        Map.Strided<float, float, NegateOp<float>>(y, yl, x, xl);
        return Read(y, yl).SequenceEqual(Read(x, xl).Select(v => -v)).Label($"shape {string.Join(',', shape)}");
    }

    [Theory]
    [InlineData(100, 37)]      // ragged tiles both ways (32 does not divide 100 or 37)
    [InlineData(5, 200)]       // fewer rows than a tile
    [InlineData(64, 1)]        // a single column: no tiling needed
    public void TransposingCopiesWalkTilesAndKeepEveryElement(int rows, int columns)
    {
        // y (columns×rows, dense) = xᵀ where x is rows×columns dense: y's inner step in x is a whole row.
        var x = Enumerable.Range(0, rows * columns).Select(i => (float)i).ToArray();
        var xt = new StridedLayout([columns, rows], [1, columns], 0);
        var yl = StridedLayout.RowMajor([columns, rows]);
        var y = new float[rows * columns];
        Map.Strided<float, float, IdentityOp<float>>(y, yl, x, xt);
        for (int c = 0; c < columns; c++)
            for (int r = 0; r < rows; r++)
                Assert.Equal(x[r * columns + c], y[c * rows + r]);
    }

    [Fact]
    public void VectorMapGivesEveryElementTheSameBitsWhereverItSits()
    {
        // The tail of a vector loop is padded into a full vector, so exp(x) does not depend on
        // whether x falls in the body or the tail: shift the input by one and compare.
        var x = Enumerable.Range(0, 37).Select(i => i * 0.37f - 5f).ToArray();
        var y1 = new float[37];
        var y2 = new float[36];
        Map.Contiguous<float, float, ExpOp<float>>(y1, x);
        Map.Contiguous<float, float, ExpOp<float>>(y2, x.AsSpan(1));
        Assert.Equal(y1[1..], y2);
        for (int i = 0; i < x.Length; i++) Assert.Equal(MathF.Exp(x[i]), y1[i], MathF.Exp(x[i]) * 1e-6f);
    }

    /// <summary>
    /// The map kernel promises that an element's result does not depend on where it sits. That should
    /// hold for the layout too: exp of a strided view must equal exp of its contiguous copy, bit for bit.
    /// </summary>
    [Fact]
    public void ResultsDoNotDependOnTheLayout()
    {
        var x = Values(16 * 16, 8);
        var transposed = new StridedLayout([16, 16], [1, 16], 0);
        var dense = StridedLayout.RowMajor([16, 16]);
        var copy = new float[x.Length];
        Map.Strided<float, float, IdentityOp<float>>(copy, dense, x, transposed);
        Assert.Equal(Apply<ExpOp<float>>(copy, dense), Apply<ExpOp<float>>(x, transposed));
        Assert.Equal(Apply<SigmoidOp<float>>(copy, dense), Apply<SigmoidOp<float>>(x, transposed));
        // And for log of a view of |x|: the strided read against the dense copy of the same view.
        var abs = new float[x.Length];
        Map.Strided<float, float, AbsOp<float>>(abs, dense, x, dense);
        Assert.Equal(Apply<LogOp<float>>(Apply<AbsOp<float>>(x, transposed), dense), Apply<LogOp<float>>(abs, transposed));

        static float[] Apply<TOp>(float[] source, StridedLayout layout) where TOp : struct, IUnaryOp<float, float>
        {
            var y = new float[layout.Size];
            Map.Strided<float, float, TOp>(y, StridedLayout.RowMajor([16, 16]), source, layout);
            return y;
        }
    }
}

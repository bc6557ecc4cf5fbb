using DeepSeq.Kernels;
using DeepSeq.Kernels.Cpu;
using DeepSeq.Kernels.Formulas;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Kernels;

/// <summary>
/// The CPU strided kernels (map, zip, where, reduce, gather) against the definition: walk every
/// element by its row-major index and find it with <see cref="StridedLayout.OffsetOf"/>.
/// Views are random: a dense buffer seen through permuted, reversed (negative stride), sliced
/// (stride 2, offset) and broadcast (stride 0) dimensions, so the coalescing and the vector fast
/// paths of <see cref="StridedLoop"/> all get exercised, and sizes reach the parallel path.
/// </summary>
public sealed class StridedKernelTests
{
    // A random view of `shape` into a fresh buffer: each dimension independently dense,
    // reversed, stepped by 2, or broadcast, in a random dimension order.
    private static (float[] Buffer, StridedLayout Layout) RandomView(Random rng, int[] shape, bool allowBroadcast = true)
    {
        int rank = shape.Length;
        var order = Enumerable.Range(0, rank).OrderBy(_ => rng.Next()).ToArray();
        var strides = new int[rank];
        int step = 1;
        var kinds = new int[rank];
        foreach (int d in order.Reverse())
        {
            kinds[d] = rng.Next(allowBroadcast ? 4 : 3);     // 0 dense, 1 reversed, 2 every other, 3 broadcast
            int spacing = kinds[d] == 2 ? 2 : 1;
            strides[d] = kinds[d] == 3 ? 0 : step * spacing * (kinds[d] == 1 ? -1 : 1);
            if (kinds[d] != 3) step *= shape[d] * spacing;
        }
        int offset = 0;
        for (int d = 0; d < rank; d++) if (strides[d] < 0) offset += (shape[d] - 1) * -strides[d];
        var buffer = new float[Math.Max(step, 1) + offset + 1];
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (float)Math.Round(rng.NextDouble() * 20 - 10, 2);
        return (buffer, new StridedLayout(shape, strides, offset));
    }

    private static int[] RandomShape(Random rng, int maxRank = 4, int maxDim = 6)
        => Enumerable.Range(0, rng.Next(maxRank + 1)).Select(_ => rng.Next(1, maxDim + 1)).ToArray();

    private static float[] Read(float[] buffer, StridedLayout layout)
        => Enumerable.Range(0, layout.Size).Select(i => buffer[layout.OffsetOf(i)]).ToArray();

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

    [Property(MaxTest = 100)]
    public Property WhereSelectsByTheCondition(int seed)
    {
        var rng = new Random(seed);
        var shape = RandomShape(rng);
        var (c, cl) = RandomView(rng, shape);
        for (int i = 0; i < c.Length; i++) c[i] = rng.Next(2);
        var (a, al) = RandomView(rng, shape);
        var (b, bl) = RandomView(rng, shape);
        var (z, zl) = RandomView(rng, shape, allowBroadcast: false);
        Where.Strided(z, zl, c, cl, a, al, b, bl);
        var cs = Read(c, cl); var avs = Read(a, al); var bvs = Read(b, bl);
        var expected = Enumerable.Range(0, cs.Length).Select(i => cs[i] != 0 ? avs[i] : bvs[i]);
        return Read(z, zl).SequenceEqual(expected).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property ReduceFoldsOneAxis(int seed)
    {
        var rng = new Random(seed);
        var shape = RandomShape(rng, maxDim: 40);
        if (shape.Length == 0) shape = [rng.Next(1, 100)];
        int axis = rng.Next(shape.Length);
        var (x, xl) = RandomView(rng, shape);
        var outShape = shape.Where((_, d) => d != axis).ToArray();
        var yl = StridedLayout.RowMajor(outShape);
        var sum = new float[yl.Size];
        var max = new float[yl.Size];
        Reduce.Strided<float, AddOp<float>>(sum, yl, x, xl, axis);
        Reduce.Strided<float, MaximumOp<float>>(max, yl, x, xl, axis);

        // Reference: double-precision sum and exact max over the axis for each output position.
        var values = Read(x, xl);
        int inner = shape.Skip(axis + 1).Aggregate(1, (p, d) => p * d), n = shape[axis];
        bool ok = true;
        for (int o = 0; o < yl.Size; o++)
        {
            int outer = o / inner, rest = o % inner;
            var run = Enumerable.Range(0, n).Select(r => values[(outer * n + r) * inner + rest]).ToArray();
            double s = run.Sum(v => (double)v);
            double bound = 1e-6 * n * run.Sum(v => Math.Abs((double)v)) + 1e-6;   // float rounding of n additions
            ok &= Math.Abs(sum[o] - s) <= bound && max[o] == run.Max();
        }
        return ok.Label($"shape {string.Join(',', shape)} axis {axis}");
    }

    [Property(MaxTest = 100)]
    public Property GatherReadsAtTheIndexedPositions(int seed)
    {
        var rng = new Random(seed);
        var shape = RandomShape(rng);
        if (shape.Length == 0) shape = [3];
        int axis = rng.Next(shape.Length), axisSize = shape[axis];
        var (x, xl) = RandomView(rng, shape, allowBroadcast: false);
        var outShape = (int[])shape.Clone();
        outShape[axis] = rng.Next(1, 5);
        var il = StridedLayout.RowMajor(outShape);
        var index = Enumerable.Range(0, il.Size).Select(_ => rng.Next(-axisSize, axisSize)).ToArray();
        var yl = StridedLayout.RowMajor(outShape);
        var y = new float[yl.Size];
        Gather.Strided(y, yl, x, xl.WithShape(axis, outShape[axis]), axisSize, index, il, axis);

        bool ok = true;
        var position = new int[shape.Length];
        for (int i = 0; i < yl.Size; i++)
        {
            for (int d = shape.Length - 1, rest = i; d >= 0; d--) { position[d] = rest % outShape[d]; rest /= outShape[d]; }
            int k = index[i] < 0 ? index[i] + axisSize : index[i];
            int source = xl.Offset;
            for (int d = 0; d < shape.Length; d++) source += (d == axis ? k : position[d]) * xl.Strides[d];
            ok &= y[i] == x[source];
        }
        return ok.ToProperty();
    }

    [Fact]
    public void GatherRejectsAnIndexOutOfRange()
    {
        var xl = StridedLayout.RowMajor([4]);
        var ex = Assert.Throws<IndexOutOfRangeException>(() =>
            Gather.Strided(new float[1], StridedLayout.RowMajor([1]), new float[4], xl.WithShape(0, 1), 4, [4], StridedLayout.RowMajor([1]), 0));
        Assert.Contains("index 4 is out of range for an axis of size 4", ex.Message);
    }

    [Fact]
    public void LargeViewsTakeTheParallelPathAndGiveTheSameAnswer()
    {
        // 600×700 = 420,000 elements > ParallelThreshold: the loop is split across cores.
        var rng = new Random(7);
        int[] shape = [600, 700];
        var (a, al) = RandomView(rng, shape, allowBroadcast: false);
        var transposed = new StridedLayout(shape, [1, 600], 0);   // a column-major view of a dense buffer
        var b = Enumerable.Range(0, 600 * 700).Select(i => (float)i).ToArray();
        var zl = StridedLayout.RowMajor(shape);
        var z = new float[zl.Size];
        Zip.Strided<float, AddOp<float>>(z, zl, a, al, b, transposed);
        Assert.True(StridedLoop.ParallelThreshold < zl.Size);
        var expected = Read(a, al).Zip(Read(b, transposed), (p, q) => p + q).ToArray();
        Assert.Equal(expected, z);
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

using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor.Ops;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// gather, index_select, take (embedding lookup), one_hot and where against the oracle, with negative
/// indices, broadcasting, views as operands and indices, and out-of-range indices that must throw
/// <see cref="IndexOutOfRangeException"/> on every device.
/// </summary>
public abstract class IndexingTests : TensorTestBase
{
    /// <summary>Integer values in [−n, n): every valid index along an axis of size n, negative ones included.</summary>
    private static Gen<double> IndexIn(int n) => Gen.Choose(-n, n - 1).Select(i => (double)i);

    /// <summary>A shape of the given rank family with dimensions randomly set to 1 (the broadcast ones).</summary>
    private static Gen<int[]> SomeOnes(int[] full, int keep) =>
        Gen.ArrayOf(Gen.Choose(0, 3), full.Length).Select(ones => full.Select((d, i) => i != keep && ones[i] == 0 ? 1 : d).ToArray());

    [Fact]
    public void GatherMatchesTakeAlongAxis() => Property(
        from full in TensorGen.Shape(3, MaxSize / 2, minRank: 1, maxDim: MaxDim)
        from axis in Gen.Choose(0, full.Length - 1)
        from xShape in SomeOnes(full, axis)
        from picks in Gen.Choose(1, 4)
        from indexShape in SomeOnes(full.Select((d, i) => i == axis ? picks : d).ToArray(), axis)
        from x in TensorGen.Case(xShape, TensorGen.Real)
        from index in TensorGen.Case(indexShape, IndexIn(xShape[axis]))
        from negativeAxis in Gen.Elements(false, true)
        select (x, index, axis, negativeAxis),
        t =>
        {
            int axis = t.negativeAxis ? t.axis - t.x.Shape.Length : t.axis;
            var y = Make<float>(t.x).Gather(axis, Make<int>(t.index));
            AssertExact(t.x.Expected.Gather(t.axis, t.index.Expected), y, $"gather(axis {axis}) of {t.x}\n  at {t.index}");
        });

    [Fact]
    public void IndexSelectPicksWholeSlicesInOrder() => Property(
        from x in TensorGen.Case(3, MaxSize, TensorGen.Real, minRank: 1, maxDim: MaxDim)
        from axis in Gen.Choose(0, x.Shape.Length - 1)
        from count in Gen.Choose(1, 5)
        from picks in Gen.ArrayOf(Gen.Choose(-x.Shape[axis], x.Shape[axis] - 1), count)
        select (x, axis, picks),
        t =>
        {
            int n = t.x.Shape[t.axis];
            var expected = t.x.Expected.Select(t.axis, t.picks.Select(i => i < 0 ? i + n : i).ToArray());
            var y = Make<float>(t.x).IndexSelect(t.axis, Values(t.picks));
            AssertExact(expected, y, $"index_select(axis {t.axis}, [{string.Join(",", t.picks)}]) of {t.x}");
        });

    [Fact]
    public void TakeInsertsTheIndexShapeAtTheAxis() => Property(
        from x in TensorGen.Case(3, MaxSize / 2, TensorGen.Real, minRank: 1, maxDim: MaxDim)
        from axis in Gen.Choose(0, x.Shape.Length - 1)
        from indexShape in TensorGen.Shape(2, 6)
        from index in TensorGen.Case(indexShape, IndexIn(x.Shape[axis]))
        select (x, axis, index),
        t =>
        {
            var y = Make<float>(t.x).Take(Make<int>(t.index), t.axis);
            AssertExact(t.x.Expected.Take(t.index.Expected, t.axis), y, $"take(axis {t.axis}) of {t.x}\n  at {t.index}");
        });

    [Fact]
    public void EmbeddingLookupGolden()
    {
        // weights (vocab 4, dim 3) taken at tokens (batch 2, time 2) → (2, 2, 3): numpy.take(w, [[3, 0], [-1, 2]], axis=0)
        var weights = Tensor.Arange(12f, Device).Reshape(4, 3);
        var tokens = Matrix(new int[,] { { 3, 0 }, { -1, 2 } });
        AssertExact(new RefArray([2, 2, 3], [9, 10, 11, 0, 1, 2, 9, 10, 11, 6, 7, 8]), weights.Take(tokens), "embedding lookup");
        // torch.gather(x, 1, [[0, 0], [1, 0]]) for x = [[1, 2], [3, 4]] is [[1, 1], [4, 3]].
        var x = Matrix(new float[,] { { 1, 2 }, { 3, 4 } });
        AssertExact(new RefArray([2, 2], [1, 1, 4, 3]), x.Gather(1, Matrix(new int[,] { { 0, 0 }, { 1, 0 } })), "gather golden");
        AssertExact(new RefArray([2, 2], [2, 1, 4, 3]), x.IndexSelect(1, Values(1, -2)), "index_select columns [1, −2]");
    }

    [Fact]
    public void OutOfRangeIndicesThrowIndexOutOfRange()
    {
        var x = Tensor.Arange(6f, Device).Reshape(2, 3);
        foreach (int bad in new[] { 3, -4, int.MaxValue, int.MinValue })
        {
            Throws<IndexOutOfRangeException>(() => x.Gather(1, Matrix(new int[,] { { 0, bad } })), "gather", "out of range");
            Throws<IndexOutOfRangeException>(() => x.IndexSelect(1, Values(0, 1, bad)), "out of range");
            Throws<IndexOutOfRangeException>(() => x.Take(Values(bad), 1), "out of range");
        }
        Throws<IndexOutOfRangeException>(() => x.Take(Values(2), 0), "out of range");
        // A bad index must not leave the device unusable: the next gather still works.
        AssertExact(new RefArray([2, 1], [2, 5]), x.Gather(1, Matrix(new int[,] { { -1 } })), "gather after a failed gather");
    }

    // ---- one_hot ----

    [Fact]
    public void OneHotGolden()
    {
        // keras.utils.to_categorical([0, 2, 1], 3)
        AssertExact(new RefArray([3, 3], [1, 0, 0, 0, 0, 1, 0, 1, 0]), Values(0, 2, 1).OneHot<float>(3), "one_hot float32");
        AssertExact(new RefArray([2, 1, 4], [0, 0, 0, 1, 1, 0, 0, 0]), Matrix(new int[,] { { 3 }, { 0 } }).OneHot<double>(4), "one_hot float64 of (2,1)");
        AssertExact(new RefArray([2], [0, 1]), Tensor.Scalar(1, Device).OneHot<int>(2), "one_hot int32 of a scalar");
        Throws<IndexOutOfRangeException>(() => Values(0, 3).OneHot<float>(3), "one_hot", "3", "[0, 3)");
        Throws<IndexOutOfRangeException>(() => Values(-1, 0).OneHot<float>(3), "one_hot", "-1");
        Throws<ArgumentException>(() => Values(0).OneHot<float>(0), "one_hot", "depth");
    }

    [Fact]
    public void OneHotOfAnyIndexTensor() => Property(
        from depth in Gen.Choose(1, 5)
        from shape in TensorGen.Shape(2, 8)
        from index in TensorGen.Case(shape, Gen.Choose(0, depth - 1).Select(i => (double)i))
        select (index, depth),
        t =>
        {
            var expected = RefArray.Build([.. t.index.Shape, t.depth], i => t.index.Expected[i[..^1]] == i[^1] ? 1 : 0);
            AssertExact(expected, Make<int>(t.index).OneHot<float>(t.depth), $"one_hot({t.depth}) of {t.index}");
        }, cases: Cases / 2);

    // ---- where ----

    [Fact]
    public void WhereSelectsWithThreeWayBroadcasting() => Property(
        from full in TensorGen.Shape(3, MaxSize, maxDim: MaxDim)
        from cShape in TensorGen.Weaken(full)
        from aShape in TensorGen.Weaken(full)
        from bShape in TensorGen.Weaken(full)
        from c in TensorGen.Case(cShape, Gen.Elements(0.0, 0.0, 1.0, 2.0, -0.5))   // any non-zero is true
        from a in TensorGen.Case(aShape, TensorGen.Real)
        from b in TensorGen.Case(bShape, TensorGen.Real)
        select (c, a, b),
        t => AssertExact(RefArray.Where(t.c.Expected, t.a.Expected, t.b.Expected),
            Tensor.Where(Make<float>(t.c), Make<float>(t.a), Make<float>(t.b)), $"where({t.c},\n  {t.a},\n  {t.b})"));

    [Fact]
    public void WhereNeverTouchesTheUnselectedValue()
    {
        // Mask arithmetic c·∞ + (1 − c)·0 gives 0·∞ = NaN where c = 0; where must give exactly ∞ or 0.
        var c = Values(1f, 0f, 1f, 0f);
        var y = Tensor.Where(c, c.Scalar(float.PositiveInfinity), c.Scalar(0f));
        AssertExact(new RefArray([4], [double.PositiveInfinity, 0, double.PositiveInfinity, 0]), y, "where(c, ∞, 0)");
        Assert.True(float.IsNaN((c * float.PositiveInfinity)[1]));   // the reason where is a primitive
        var nan = Tensor.Where(c, Values(float.NaN, float.NaN, 5f, float.NaN), c.Scalar(-1f));
        AssertExact(new RefArray([4], [double.NaN, -1, 5, -1]), nan, "where picks NaN only where asked");
    }
}

public sealed class IndexingTestsOnCpu : IndexingTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class IndexingTestsOnIlgpu : IndexingTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Gradients of gather, index_select and take (embedding lookup) against float64 central differences, with
/// indices that repeat positions (so the scatter-add of the backward pass must add, not overwrite), negative
/// indices, broadcasting between x and the index, and views as inputs and as indices. On ILGPU this is the
/// device's Gather kernel forward and its ScatterAdd kernel backward.
/// </summary>
public abstract class IndexingGradTests : GradTestBase
{
    /// <summary>Cases per property: each case runs two forward passes per input element.</summary>
    protected override int GradCases => OnIlgpu ? 10 : 50;

    /// <summary>The most elements in one generated input.</summary>
    protected override int GradMaxSize => OnIlgpu ? 24 : 120;


    /// <summary><paramref name="full"/> with the dimensions other than <paramref name="keep"/> set to 1 at random (the broadcast ones).</summary>
    private static Gen<int[]> SomeOnes(int[] full, int keep) =>
        Gen.ArrayOf(Gen.Choose(0, 3), full.Length).Select(ones => full.Select((d, i) => i != keep && ones[i] == 0 ? 1 : d).ToArray());

    [Fact]
    public void GatherGradientAddsUpRepeatedIndices() => Property(
        from full in TensorGen.Shape(4, GradMaxSize / 2, minRank: 1)
        from axis in Gen.Choose(0, full.Length - 1)
        from xShape in SomeOnes(full, axis)
        from picks in Gen.Choose(1, 6)   // up to 6 reads of an axis of at most 5: repeats are the rule
        from indexShape in SomeOnes(full.Select((d, i) => i == axis ? picks : d).ToArray(), axis)
        from x in TensorGen.Case(xShape, TensorGen.Real)
        from index in TensorGen.Case(indexShape, ViewGen.IndexIn(xShape[axis]))
        from negativeAxis in Gen.Elements(false, true)
        select (x, index, axis: negativeAxis ? axis - full.Length : axis),
        t =>
        {
            var index = Make<int>(t.index);
            AssertGradient(v => v.Gather(t.axis, index), $"gather(axis {t.axis}) at {t.index}", t.x);
        },
        GradCases);

    [Fact]
    public void IndexSelectGradientAddsUpRepeatedIndices() => Property(
        from x in TensorGen.Case(4, GradMaxSize, TensorGen.Real, minRank: 1)
        from axis in ViewGen.Axis(x.Shape.Length)
        from count in Gen.Choose(1, 6)
        from picks in ViewGen.IndicesWithRepeats(x.Shape[axis < 0 ? axis + x.Shape.Length : axis], count)
        select (x, axis, picks),
        t => AssertGradient(v => v.IndexSelect(t.axis, Values(t.picks)), $"index_select(axis {t.axis}, [{string.Join(",", t.picks)}])", t.x),
        GradCases);

    [Fact]
    public void TakeGradientAddsUpRepeatedIndices() => Property(
        from x in TensorGen.Case(3, GradMaxSize, TensorGen.Real, minRank: 1)
        from axis in ViewGen.Axis(x.Shape.Length)
        from indexShape in TensorGen.Shape(2, 6)
        from index in TensorGen.Case(indexShape, ViewGen.IndexIn(x.Shape[axis < 0 ? axis + x.Shape.Length : axis]))
        select (x, axis, index),
        t =>
        {
            var index = Make<int>(t.index);
            AssertGradient(v => v.Take(index, t.axis), $"take(axis {t.axis}) at {t.index}", t.x);
        },
        GradCases);

    [Fact]
    public void EmbeddingGradientCountsEachTokensOccurrences()
    {
        // weights (vocab 4, dim 3) looked up at tokens (batch 2, time 3); L = Σ y · w with w = 1 everywhere except
        // token slot (1, 2), weighted 10. dWeights[k] = Σ of the weights of the slots holding token k:
        // word 0 once (1), word 1 three times (1 + 1 + 1), word 2 once (1), word 3 — written −1 — once (10).
        var weights = new Variable<double>(Tensor.Arange(12.0, Device).Reshape(4, 3), requiresGrad: true);
        var tokens = Matrix(new int[,] { { 1, 2, 1 }, { 0, 1, -1 } });
        var y = weights.Take(tokens);
        Assert.Equal([2, 3, 3], y.Shape.ToArray());
        var dy = Enumerable.Repeat(1.0, 18).ToArray();
        for (int c = 15; c < 18; c++) dy[c] = 10;   // slot (1, 2) holds elements 15 … 17 of y
        y.Backward(Tensor.FromArray<double>(dy, y.Shape, Device));
        Assert.Equal([1.0, 1, 1, 3, 3, 3, 1, 1, 1, 10, 10, 10], weights.Grad!.ToArray());
    }

    [Fact]
    public void GatherGradientGolden()
    {
        // torch.gather(x, 1, [[0, 0], [1, 0]]) for x = [[1, 2], [3, 4]]; L = Σ y: row 0 reads x[0, 0] twice.
        var x = new Variable<double>(Matrix(new double[,] { { 1, 2 }, { 3, 4 } }), requiresGrad: true);
        x.Gather(1, Matrix(new int[,] { { 0, 0 }, { 1, 0 } })).Sum().Backward();
        Assert.Equal([2.0, 0, 1, 1], x.Grad!.ToArray());
        // x of shape (1, 2) gathered with an index of shape (3, 1): x is broadcast over 3 rows, so its gradient sums them.
        var row = new Variable<double>(Matrix(new double[,] { { 5, 6 } }), requiresGrad: true);
        row.Gather(1, Matrix(new int[,] { { 1 }, { 1 }, { -2 } })).Sum().Backward();
        Assert.Equal([1.0, 2], row.Grad!.ToArray());
    }

    [Fact]
    public void IndicesGetNoGradientAndTheGraphNamesTheNodes()
    {
        var x = new Variable<double>(Tensor.Arange(6.0, Device).Reshape(2, 3), requiresGrad: true);
        Assert.Equal("gather", x.Gather(0, Matrix(new int[,] { { 1, 0, 1 } })).Creator!.Name);
        Assert.Equal("index_select", x.IndexSelect(1, Values(2, 2)).Creator!.Name);
        var taken = x.Take(Values(1, 0), 1);
        Assert.Equal("reshape", taken.Creator!.Name);                       // take = index_select, then reshape
        Assert.Equal("index_select", taken.Creator.Inputs[0].Creator!.Name);
        Throws<IndexOutOfRangeException>(() => x.IndexSelect(1, Values(3)), "index_select", "out of range");
        Throws<ArgumentException>(() => x.IndexSelect(1, Matrix(new int[,] { { 0 } })), "index_select", "1-d");
    }
}

public sealed class IndexingGradTestsOnCpu : IndexingGradTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class IndexingGradTestsOnIlgpu : IndexingGradTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

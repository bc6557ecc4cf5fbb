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
/// The indexing ops of <c>VariableOps.Indexing.cs</c> beyond each primitive's gradient (in <c>Ops/</c>): take
/// (embedding lookup, index_select then reshape) against float64 central differences and as a golden embedding
/// gradient, the graph's node names, no gradient to the indices, and the errors, on both devices.
/// </summary>
public abstract class VariableOpsIndexingTests : GradTestBase
{
    /// <summary>Cases per property: each case runs two forward passes per input element.</summary>
    protected override int GradCases => ViewGen.IndexingCases(Device);

    /// <summary>The most elements in one generated input.</summary>
    protected override int GradMaxSize => ViewGen.MaxSize(Device);

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

public sealed class VariableOpsIndexingTestsOnCpu : VariableOpsIndexingTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class VariableOpsIndexingTestsOnIlgpu : VariableOpsIndexingTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

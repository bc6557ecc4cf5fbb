using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor.Ops;
using Tensor = DeepSeq.Tensor;

/// <summary>Concat, stack and split: against the oracle, and as round trips (split undoes concat, and gives views).</summary>
public abstract class JoiningTests : TensorTestBase
{
    /// <summary>1–4 pieces that agree everywhere but along <c>axis</c>, in any layout.</summary>
    private Gen<(TensorCase[] Pieces, int Axis)> Pieces =>
        from shape in TensorGen.Shape(3, MaxSize / 4, minRank: 1, maxDim: MaxDim)
        from axis in Gen.Choose(0, shape.Length - 1)
        from count in Gen.Choose(1, 4)
        from lengths in Gen.ArrayOf(Gen.Choose(1, 4), count)
        from pieces in Gen.CollectToArray(lengths.Select(n => TensorGen.Case(shape.Select((d, i) => i == axis ? n : d).ToArray(), TensorGen.Real)))
        select (pieces, axis);

    [Fact]
    public void ConcatMatchesTheOracleAndSplitUndoesIt() => Property(Pieces, t =>
    {
        string of = $"along axis {t.Axis} of\n  {string.Join("\n  ", t.Pieces.Select(p => p.ToString()))}";
        var pieces = t.Pieces.Select(Make<float>).ToArray();
        var joined = Tensor.Concat(pieces, t.Axis);
        AssertExact(RefArray.Concat(t.Pieces.Select(p => p.Expected).ToArray(), t.Axis), joined, $"concat {of}");
        // Negative axes name the same axis.
        AssertExact(Ref(joined), Tensor.Concat(pieces, t.Axis - joined.Rank), $"concat with a negative axis {of}");
        var parts = joined.Split(t.Pieces.Select(p => p.Shape[t.Axis]).ToArray(), t.Axis);
        Assert.Equal(pieces.Length, parts.Length);
        for (int i = 0; i < parts.Length; i++)
        {
            AssertExact(t.Pieces[i].Expected, parts[i], $"split part {i} {of}");
            Assert.True(ReferenceEquals(joined.Storage, parts[i].Storage), "split copied its data");
        }
    });

    [Fact]
    public void StackAddsAnAxisAndSplittingItAgainGivesThePiecesBack() => Property(
        from shape in TensorGen.Shape(3, MaxSize / 4, maxDim: MaxDim)
        from count in Gen.Choose(1, 4)
        from axis in Gen.Choose(-(shape.Length + 1), shape.Length)
        from pieces in Gen.CollectToArray(Enumerable.Repeat(0, count).Select(_ => TensorGen.Case(shape, TensorGen.Real)))
        select (pieces, axis),
        t =>
        {
            int rank = t.pieces[0].Shape.Length, a = t.axis < 0 ? t.axis + rank + 1 : t.axis;
            var stacked = Tensor.Stack(t.pieces.Select(Make<float>).ToArray(), t.axis);
            var expected = RefArray.Concat(t.pieces.Select(p => p.Expected.Unsqueeze(a)).ToArray(), a);
            AssertExact(expected, stacked, $"stack along axis {t.axis} of {t.pieces.Length} × {t.pieces[0]}");
            var back = stacked.Split(t.pieces.Length, t.axis);
            for (int i = 0; i < back.Length; i++)
                AssertExact(t.pieces[i].Expected, back[i].Squeeze(a), $"piece {i} of the split stack");
        });

    [Fact]
    public void GoldenJoins()
    {
        var a = Matrix(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = Matrix(new float[,] { { 5, 6 } });
        // numpy.concatenate([a, b]) and numpy.concatenate([a, b.T], axis=1)
        AssertExact(new RefArray([3, 2], [1, 2, 3, 4, 5, 6]), Tensor.Concat([a, b]), "concat rows");
        AssertExact(new RefArray([2, 3], [1, 2, 5, 3, 4, 6]), Tensor.Concat([a, b.Transpose()], 1), "concat columns");
        // numpy.stack([[1, 2], [3, 4]], axis=1) = [[1, 3], [2, 4]]; stacking 0-d tensors makes a vector.
        AssertExact(new RefArray([2, 2], [1, 3, 2, 4]), Tensor.Stack([Values(1f, 2f), Values(3f, 4f)], 1), "stack axis 1");
        AssertExact(new RefArray([3], [7, 8, 9]), Tensor.Stack([Tensor.Scalar(7f, Device), Tensor.Scalar(8f, Device), Tensor.Scalar(9f, Device)]), "stack scalars");
        // torch.split(arange(6), [1, 2, 3]) and numpy.split(arange(6), 3)
        var x = Tensor.Arange(6f, Device);
        var bySize = x.Split([1, 2, 3]);
        AssertExact(new RefArray([1], [0]), bySize[0], "split [1, 2, 3] part 0");
        AssertExact(new RefArray([2], [1, 2]), bySize[1], "split [1, 2, 3] part 1");
        AssertExact(new RefArray([3], [3, 4, 5]), bySize[2], "split [1, 2, 3] part 2");
        var bySections = x.Reshape(2, 3).Split(3, axis: -1);
        AssertExact(new RefArray([2, 1], [1, 4]), bySections[1], "split into 3 along the last axis, part 1");
    }
}

public sealed class JoiningTestsOnCpu : JoiningTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class JoiningTestsOnIlgpu : JoiningTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

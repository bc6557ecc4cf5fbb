using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of gather against float64 central differences, with indices that repeat positions (so the scatter-add
/// of the backward pass must add, not overwrite), negative indices and axes, broadcasting between x and the index, and
/// views as inputs and as indices; and golden values after torch.gather, on both devices (on ILGPU: its Gather kernel
/// forward, its ScatterAdd kernel backward).
/// </summary>
public abstract class GatherTests : GradTestBase
{
    /// <summary>Cases per property: each case runs two forward passes per input element.</summary>
    protected override int GradCases => ViewGen.IndexingCases(Device);

    /// <summary>The most elements in one generated input.</summary>
    protected override int GradMaxSize => ViewGen.MaxSize(Device);

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
}

public sealed class GatherTestsOnCpu : GatherTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class GatherTestsOnIlgpu : GatherTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

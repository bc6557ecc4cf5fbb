using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor.Ops;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// src/Tensor/Ops/Views.cs: reshape, permute, transpose, slice (Python rules, negative and huge steps), flip,
/// narrow, squeeze, unsqueeze and broadcast. Views must share storage with their base.
/// </summary>
public abstract class ViewsTests : TensorTestBase
{
    [Fact]
    public void SliceFollowsPythonSliceRules() => Property(
        from c in TensorGen.Case(3, MaxSize, TensorGen.Real, minRank: 1, maxDim: MaxDim)
        from axis in Gen.Choose(-c.Shape.Length, c.Shape.Length - 1)
        from start in Gen.Frequency((1, Gen.Constant<int?>(null)), (4, Gen.Choose(-7, 7).Select(i => (int?)i)))
        from stop in Gen.Frequency((1, Gen.Constant<int?>(null)), (4, Gen.Choose(-7, 7).Select(i => (int?)i)))
        from step in Gen.Elements(-3, -2, -1, 1, 2, 3)
        select (c, axis, start, stop, step),
        t =>
        {
            int a = t.axis < 0 ? t.axis + t.c.Shape.Length : t.axis;
            var positions = RefArray.PythonSlice(t.c.Shape[a], t.start, t.stop, t.step);
            if (positions.Length == 0) return;   // empty results are checked in EmptyTensorsFlowThroughOps
            var sliced = Make<float>(t.c).Slice(t.axis, t.start, t.stop, t.step);
            AssertExact(t.c.Expected.Select(a, positions), sliced, $"slice(axis {t.axis}, {t.start}, {t.stop}, {t.step}) of {t.c}");
        });

    [Fact]
    public void NegativeStepSlicesWalkBackwards()
    {
        var x = Tensor.Arange(10f, Device);
        // Python: list(range(10))[7:2:-2], [::-1], [-1:-4:-1], [20::-3], [:-11:-1], [::-4]
        AssertExact(new RefArray([3], [7, 5, 3]), x.Slice(0, 7, 2, -2), "[7:2:-2]");
        AssertExact(new RefArray([10], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]), x.Slice(0, step: -1), "[::-1]");
        AssertExact(new RefArray([3], [9, 8, 7]), x.Slice(0, -1, -4, -1), "[-1:-4:-1]");
        AssertExact(new RefArray([4], [9, 6, 3, 0]), x.Slice(0, 20, null, -3), "[20::-3]");
        AssertExact(new RefArray([10], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]), x.Slice(0, null, -11, -1), "[:-11:-1]");
        AssertExact(new RefArray([3], [9, 5, 1]), x.Slice(0, step: -4), "[::-4]");
        // A reversed view of a reversed view is the original order, read through a stride of +1 again.
        var twice = x.Flip(0).Slice(0, 1, 8, 2).Flip(0);
        AssertExact(new RefArray([4], [2, 4, 6, 8]), twice, "flip → [1:8:2] → flip");
        Assert.Equal(-1, x.Flip(0).Strides[0]);
    }

    [Fact]
    public void HugeSliceStepsDoNotOverflow()
    {
        var x = Tensor.Arange(5, Device);
        Assert.Equal([0], x.Slice(0, step: int.MaxValue).ToArray());              // Python: list(range(5))[::2**31-1] == [0]
        Assert.Equal([4], x.Slice(0, step: int.MinValue + 1).ToArray());          // [::-(2**31-1)] == [4]
        Throws<ArgumentOutOfRangeException>(() => x.Narrow(0, 1, int.MaxValue), "narrow", "(5)");
    }

    [Fact]
    public void ViewsShareStorageWithTheirBase()
    {
        var x = Tensor.Arange(24f, Device).Reshape(2, 3, 4);
        var views = new (string Name, Tensor<float> View)[]
        {
            ("reshape", x.Reshape(4, -1)), ("flatten", x.Flatten()), ("permute", x.Permute(2, 0, 1)),
            ("transpose()", x.Transpose()), ("transpose(0,2)", x.Transpose(0, 2)), ("slice", x.Slice(2, 1, null, 2)),
            ("narrow", x.Narrow(1, 1, 2)), ("flip", x.Flip(-1)), ("unsqueeze", x.Unsqueeze(1)),
            ("squeeze", x.Unsqueeze(0).Squeeze()), ("broadcast_to", x.BroadcastTo(new Shape(5, 2, 3, 4))),
            ("expand", x.Slice(0, 0, 1).Expand(new Shape(3, 3, 4))), ("split", x.Split(2, axis: 2)[1]),
        };
        foreach (var (name, view) in views)
            Assert.True(ReferenceEquals(x.Storage, view.Storage), $"{name} copied its data");
        // The values seen through the views, against the oracle.
        var r = Ref(x);
        AssertExact(r.Permute([2, 0, 1]), views[2].View, "permute values");
        AssertExact(r.Select(2, [1, 3]), views[5].View, "slice values");
        AssertExact(r.Select(2, [3, 2, 1, 0]), views[7].View, "flip values");
        AssertExact(r.BroadcastTo([5, 2, 3, 4]), views[10].View, "broadcast values");
    }

    [Fact]
    public void ReshapeReadsRowMajorAndCopiesOnlyNonContiguousViews() => Property(
        from c in TensorGen.Case(4, MaxSize, TensorGen.Real, maxDim: MaxDim)
        from split in Gen.Choose(0, 100)
        select (c, split),
        t =>
        {
            var x = Make<float>(t.c);
            var flat = x.Reshape(-1);
            AssertExact(new RefArray([t.c.Expected.Size], t.c.Expected.Data), flat, $"reshape(-1) of {t.c}");
            Assert.Equal(x.IsContiguous, ReferenceEquals(x.Storage, flat.Storage));
            // Any factorisation (a, size/a) reads the same row-major sequence.
            var divisors = Enumerable.Range(1, t.c.Expected.Size).Where(d => t.c.Expected.Size % d == 0).ToArray();
            int rows = divisors[t.split % divisors.Length];
            AssertExact(new RefArray([rows, t.c.Expected.Size / rows], t.c.Expected.Data), x.Reshape(rows, -1), $"reshape({rows}, -1) of {t.c}");
        });

    [Fact]
    public void ShapesOfSqueezeUnsqueezeTransposeAndBroadcast()
    {
        var x = Tensor.Zeros<float>(new Shape(1, 3, 1, 2), Device);
        Assert.Equal(new Shape(3, 2), x.Squeeze().Shape);
        Assert.Equal(new Shape(3, 1, 2), x.Squeeze(0).Shape);
        Assert.Equal(new Shape(1, 3, 2), x.Squeeze(-2).Shape);
        Assert.Equal(new Shape(1, 3, 1, 2, 1), x.Unsqueeze(-1).Shape);
        Assert.Equal(new Shape(1, 1, 3, 1, 2), x.Unsqueeze(1).Shape);
        Assert.Equal(new Shape(2, 1, 3, 1), x.Transpose().Shape);
        Assert.Equal(new Shape(1, 2, 1, 3), x.Transpose(1, -1).Shape);
        Assert.Equal(new Shape(4, 1, 3, 5, 2), x.BroadcastTo(new Shape(4, 1, 3, 5, 2)).Shape);
        // New and stretched dimensions read with stride 0; the others keep theirs (a size-1 one may keep any stride).
        var strides = x.BroadcastTo(new Shape(4, 1, 3, 5, 2)).Strides.ToArray();
        Assert.Equal((0, 2, 0, 1), (strides[0], strides[2], strides[3], strides[4]));
        Assert.Equal(0, Tensor.Scalar(1f, Device).Rank);
        Assert.Equal(1, Tensor.Scalar(1f, Device).Size);
    }
}

public sealed class ViewsTestsOnCpu : ViewsTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ViewsTestsOnIlgpu : ViewsTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

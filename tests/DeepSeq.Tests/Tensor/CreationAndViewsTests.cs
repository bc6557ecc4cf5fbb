using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Factories, .NET array conversion, views (reshape, permute, slice, flip, squeeze, broadcast), contiguity,
/// copies, casts and device transfer. Views must share storage; Contiguous copies only when it has to.
/// </summary>
public abstract class CreationAndViewsTests : TensorTestBase
{
    // ---- factories ----

    [Fact]
    public void FactoriesFillAsNumPyDoes()
    {
        AssertExact(new RefArray([2, 3], new double[6]), Tensor.Zeros<float>(new Shape(2, 3), Device), "zeros");
        AssertExact(new RefArray([3], [1, 1, 1]), Tensor.Ones<double>(new Shape(3), Device), "ones");
        AssertExact(new RefArray([2, 2], [7.5, 7.5, 7.5, 7.5]), Tensor.Full(new Shape(2, 2), 7.5f, Device), "full");
        AssertExact(new RefArray([], [3]), Tensor.Scalar(3, Device), "scalar");
        // numpy.arange(5), arange(0, 10, 3), arange(5, 0, -2), arange(0, 1, 0.25)
        AssertExact(new RefArray([5], [0, 1, 2, 3, 4]), Tensor.Arange(5, Device), "arange(5)");
        AssertExact(new RefArray([4], [0, 3, 6, 9]), Tensor.Arange(0, 10, 3, Device), "arange(0, 10, 3)");
        AssertExact(new RefArray([3], [5, 3, 1]), Tensor.Arange(5f, 0f, -2f, Device), "arange(5, 0, -2)");
        AssertExact(new RefArray([4], [0, 0.25, 0.5, 0.75]), Tensor.Arange(0f, 1f, 0.25f, Device), "arange(0, 1, 0.25)");
        // numpy.linspace(0, 1, 5); the last element is exactly stop even when (stop − start)/(n − 1) rounds.
        AssertExact(new RefArray([5], [0, 0.25, 0.5, 0.75, 1]), Tensor.Linspace(0f, 1f, 5, Device), "linspace(0, 1, 5)");
        Assert.Equal(0.3f, Tensor.Linspace(0f, 0.3f, 7, Device).ToArray()[^1]);
        AssertExact(new RefArray([1], [2]), Tensor.Linspace(2.0, 9.0, 1, Device), "linspace(2, 9, 1)");
    }

    [Fact]
    public void FromArrayTakesRectangularJaggedAndMixedNesting()
    {
        var rectangular = Tensor.FromArray<float>(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } }, Device);
        var jagged = Tensor.FromArray<float>(new float[][] { [1, 2, 3], [4, 5, 6] }, Device);
        var mixed = Tensor.FromArray<int>(new int[][,] { new int[,] { { 1, 2 }, { 3, 4 } }, new int[,] { { 5, 6 }, { 7, 8 } } }, Device);
        AssertExact(new RefArray([2, 3], [1, 2, 3, 4, 5, 6]), rectangular, "float[,]");
        AssertExact(new RefArray([2, 3], [1, 2, 3, 4, 5, 6]), jagged, "float[][]");
        AssertExact(new RefArray([2, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8]), mixed, "int[][,]");
        AssertExact(new RefArray([2, 3], [1, 2, 3, 4, 5, 6]), Tensor.FromArray<double>([1, 2, 3, 4, 5, 6], new Shape(2, 3), Device), "span + shape");
    }

    [Fact]
    public void FromArrayAndToArrayCopyTheirData()
    {
        var data = new float[] { 1, 2, 3 };
        var x = Tensor.FromArray(data, Device);
        data[0] = 99;                                   // the tensor kept its own copy
        var back = x.ToArray();
        back[1] = 99;                                   // and hands out copies
        AssertExact(new RefArray([3], [1, 2, 3]), x, "after mutating the arrays");
    }

    /// <summary>Tensors have up to 8 dimensions; kernels index them through an 8-slot struct, so use the last slot too.</summary>
    [Fact]
    public void EightDimensionsWork()
    {
        int[] shape = [2, 1, 2, 1, 2, 1, 2, 3];
        var r = RefArray.Build(shape, i => RefArray.Ravel(i, shape) % 7 - 3);
        var x = Dense<float>(r);
        int[] reverse = [7, 6, 5, 4, 3, 2, 1, 0];
        AssertExact(r.Permute(reverse), x.Permute(reverse), "permute of a rank-8 tensor");
        AssertExact(RefArray.Zip(r, r.Select(7, [2, 1, 0]), (a, b) => a * b), x * x.Flip(-1), "rank-8 multiply by a flipped view");
        AssertExact(r.Reduce([0, 3, 7], keepDims: true, v => v.Sum()), x.Sum([0, 3, 7], keepDims: true), "rank-8 sum");
        var w = Tensor.Ones<float>(new Shape(3, 4), Device);
        AssertExact(RefArray.MatMul(r, Ref(w)), x.MatMul(w), "rank-8 matmul");
    }

    // ---- every layout the generators make reads back as its values ----

    [Fact]
    public void EveryGeneratedLayoutReadsBackAsItsValues() => Property(
        from c in TensorGen.Case(4, MaxSize, TensorGen.Real, maxDim: MaxDim)
        from probe in Gen.Choose(0, int.MaxValue)
        select (c, probe),
        t =>
        {
            var x = Make<float>(t.c);
            AssertExact(t.c.Expected, x, $"{t.c}");
            // The indexer walks the strides itself: check one element, picked at random, with negative indices.
            var index = RefArray.Unravel(t.probe % x.Size, t.c.Shape);
            var negative = index.Select((i, d) => i - t.c.Shape[d]).ToArray();
            Assert.Equal((float)t.c.Expected[index], x[negative]);
        });

    [Fact]
    public void Float64AndInt32TensorsKeepTheirValuesInEveryLayout() => Property(
        TensorGen.Case(4, MaxSize, TensorGen.Ties, maxDim: MaxDim),
        c =>
        {
            AssertExact(c.Expected, Make<double>(c), $"float64 {c}");
            AssertExact(c.Expected, Make<int>(c), $"int32 {c}");
        });

    // ---- slicing ----

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

    // ---- views share storage; copies do not ----

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
    public void ContiguousCopiesOnlyWhenTheLayoutIsNotRowMajor()
    {
        var x = Tensor.Arange(6f, Device).Reshape(2, 3);
        Assert.Same(x, x.Contiguous());
        // Size-1 dimensions may have any stride and still be contiguous.
        var unsqueezed = x.Unsqueeze(0).Unsqueeze(-1);
        Assert.True(unsqueezed.IsContiguous);
        Assert.Same(unsqueezed, unsqueezed.Contiguous());
        // A window of whole rows is contiguous though its offset is not 0.
        var rows = Tensor.Arange(12f, Device).Reshape(4, 3).Narrow(0, 1, 2);
        Assert.True(rows.IsContiguous);
        Assert.Equal(3, rows.Offset);
        Assert.Same(rows, rows.Contiguous());
        AssertExact(new RefArray([2, 3], [3, 4, 5, 6, 7, 8]), rows, "rows 1..2");

        foreach (var (name, view) in new[] { ("transpose", x.Transpose()), ("step 2", x.Slice(1, step: 2)), ("flip", x.Flip(0)),
                                              ("broadcast", x.Slice(0, 0, 1).BroadcastTo(new Shape(4, 3))) })
        {
            Assert.False(view.IsContiguous, $"{name} claims to be contiguous");
            var dense = view.Contiguous();
            Assert.False(ReferenceEquals(view.Storage, dense.Storage), $"{name}: Contiguous() did not copy");
            Assert.True(dense.IsContiguous);
            Assert.Equal(view.Shape.RowMajorStrides(), dense.Strides.ToArray());
            AssertExact(Ref(view), dense, $"{name}.Contiguous()");
        }
    }

    [Fact]
    public void CopyNeverSharesStorage()
    {
        var x = Tensor.Arange(6f, Device).Reshape(2, 3);
        var copy = x.Copy();
        Assert.False(ReferenceEquals(x.Storage, copy.Storage));
        AssertExact(Ref(x), copy, "copy");
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

    // ---- element access, casts, devices ----

    [Fact]
    public void IndexerAndItemReadThroughViews()
    {
        var x = Tensor.Arange(12f, Device).Reshape(3, 4);
        Assert.Equal(6f, x[1, 2]);
        Assert.Equal(11f, x[-1, -1]);
        var t = x.Transpose().Flip(1);          // t[i, j] = x[2 − j, i]
        Assert.Equal(x[2, 1], t[1, 0]);
        Assert.Equal(x[0, 3], t[3, -1]);
        Assert.Equal(5f, x.Narrow(0, 1, 1).Narrow(1, 1, 1).Item());
        Assert.Equal(7f, Tensor.Scalar(7f, Device).Item());
    }

    [Fact]
    public void CastConvertsAsDotNetDoes()
    {
        // float → int: toward zero, saturating, NaN → 0 (.NET 9+ on x64; CUDA's cvt.rzi.sat).
        var f = Values(2.7f, -2.7f, 1e10f, -1e10f, float.NaN, 0.5f);
        AssertExact(new RefArray([6], [2, -2, int.MaxValue, int.MinValue, 0, 0]), f.Cast<int>(), "float → int");
        AssertExact(new RefArray([3], [2.5, -1e300, 3e38]), Values(2.5, -1e300, 3e38).Cast<double>(), "double → double (a copy)");
        // double → float rounds to nearest: 0.1 becomes 0.1f, and 1e300 overflows to +∞.
        Assert.Equal([0.1f, float.PositiveInfinity], Values(0.1, 1e300).Cast<float>().ToArray());
        Assert.Equal([(double)0.1f, -3.0], Values(0.1f, -3f).Cast<double>().ToArray());
        Assert.Equal([16777216f, -5f], Values(16777217, -5).Cast<float>().ToArray());  // 2²⁴ + 1 rounds to even
        Assert.Equal([2.0, 3.0], Values(2, 3).Cast<double>().ToArray());
        Assert.Equal([3, -3], Values(3.99, -3.99).Cast<int>().ToArray());
        // Casting a view reads through its strides.
        var view = Tensor.Arange(6f, Device).Reshape(2, 3).Transpose();
        AssertExact(Ref(view), view.Cast<double>(), "cast of a transpose");
        Assert.False(ReferenceEquals(f.Storage, f.Cast<float>().Storage));
    }

    [Fact]
    public void ToMovesAcrossDevicesAndBack()
    {
        var x = Tensor.Arange(12f, Device).Reshape(3, 4).Transpose();
        Assert.Same(x, x.To(Device));
        var there = x.To(OtherDevice);
        Assert.Same(OtherDevice, there.Device);
        Assert.True(there.IsContiguous);
        var back = there.To(Device);
        AssertExact(Ref(x), back, "round trip");
    }

    /// <summary>
    /// Size-0 tensors (an empty batch, a zero-width slice) must flow through every op, as in NumPy.
    /// </summary>
    [Fact]
    public void EmptyTensorsFlowThroughOps()
    {
        var empty = Tensor.Zeros<float>(new Shape(0, 3), Device);
        AssertExact(new RefArray([0, 3], []), empty.Exp(), "exp");
        AssertExact(new RefArray([0, 3], []), empty + Tensor.Ones<float>(new Shape(3), Device), "add");
        AssertExact(new RefArray([3], [0, 0, 0]), empty.Sum(0), "sum over the empty axis");
        AssertExact(new RefArray([0], []), empty.Max(1), "max over a non-empty axis");
        Throws<ArgumentException>(() => empty.Min(), "min: cannot reduce over axis 0 of size 0 in shape (0,3)");
        AssertExact(new RefArray([0], []), Tensor.Arange(5f, Device).Slice(0, 3, 3), "slice [3:3]");
        AssertExact(new RefArray([0], []), Tensor.Arange(5f, Device).Slice(0, 1, 4, -1), "slice [1:4:-1]");
        AssertExact(new RefArray([0, 4], []), empty.MatMul(Tensor.Ones<float>(new Shape(3, 4), Device)), "(0,3) @ (3,4)");
        var joined = Tensor.Concat([empty, Tensor.Ones<float>(new Shape(1, 3), Device)]);
        AssertExact(new RefArray([1, 3], [1, 1, 1]), joined, "concat with an empty piece");
    }
}

public sealed class CreationAndViewsTestsOnCpu : CreationAndViewsTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class CreationAndViewsTestsOnIlgpu : CreationAndViewsTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

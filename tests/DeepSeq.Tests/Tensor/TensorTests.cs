using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// src/Tensor/Tensor.cs: every layout reads back as its values, element access through views, Contiguous,
/// Copy and To (device transfer). Contiguous copies only when it has to; Copy always does.
/// </summary>
public abstract class TensorTests : TensorTestBase
{
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
}

public sealed class TensorTestsOnCpu : TensorTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class TensorTestsOnIlgpu : TensorTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;

    [Fact]
    public void ReadingOneElementOfADeviceTensorGivesThatElement()
    {
        var x = Tensor.Arange(0f, 100f, 1f, Device).Reshape(10, 10).Transpose();
        Assert.Equal(37f, x[7, 3]);
        Assert.Equal(99f, x.Slice(0, 9, 10).Slice(1, 9, 10).Item());
        Assert.Equal([90f, 91f, 92f], x.Transpose().Narrow(0, 9, 1).Narrow(1, 0, 3).ToArray());
    }
}

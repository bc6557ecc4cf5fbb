using DeepSeq.Devices;
using DeepSeq.Tests.Autograd;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor.Ops;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// <c>SliceScatter</c>, the backward of slice, against a plain loop over CPython's slice positions: values, negative
/// steps, clamped bounds, views as operands, and the shape errors.
/// </summary>
public abstract class SliceScatterTests : TensorTestBase
{
    [Fact]
    public void SliceScatterWritesTheSliceAndKeepsTheRest() => Property(
        from x in TensorGen.Case(4, MaxSize / 2, TensorGen.Real, minRank: 1)
        from axis in ViewGen.Axis(x.Shape.Length)
        let a = axis < 0 ? axis + x.Shape.Length : axis
        from start in ViewGen.Bound(x.Shape[a])
        from stop in ViewGen.Bound(x.Shape[a])
        from step in ViewGen.Step
        let positions = RefArray.PythonSlice(x.Shape[a], start, stop, step)
        from source in ViewGen.Case(WithAxis(x.Shape, a, positions.Length), TensorGen.Real)
        select (x, axis, start, stop, step, source, positions),
        t =>
        {
            int a = t.axis < 0 ? t.axis + t.x.Shape.Length : t.axis;
            var expected = RefArray.Build(t.x.Shape, index =>
            {
                int j = Array.IndexOf(t.positions, index[a]);   // the plain loop: is this element in the slice, and where?
                if (j < 0) return t.x.Expected[index];
                var inSource = (int[])index.Clone();
                inSource[a] = j;
                return t.source.Expected[inSource];
            });
            var x = Make<float>(t.x);
            var before = x.ToArray();
            var y = x.SliceScatter(Make<float>(t.source), t.axis, t.start, t.stop, t.step);
            AssertExact(expected, y, $"slice_scatter(axis {t.axis}, {t.start}, {t.stop}, {t.step}) of {t.x}\n  source {t.source}");
            Assert.Equal(before, x.ToArray());   // x itself is never written
            Assert.True(y.IsContiguous);
        });

    [Fact]
    public void NegativeStepsWriteBackwards()
    {
        var x = Tensor.Arange(10f, Device);
        var source = Values(100f, 101f, 102f);
        // x[7:2:-2] = [100, 101, 102] writes positions 7, 5, 3.
        AssertExact(new RefArray([10], [0, 1, 2, 102, 4, 101, 6, 100, 8, 9]), x.SliceScatter(source, 0, 7, 2, -2), "[7:2:-2]");
        // x[::-1] = x writes x reversed; x[::-1] = flip(x) gives x back.
        AssertExact(new RefArray([10], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]), x.SliceScatter(x, 0, step: -1), "x[::-1] = x");
        // Along the last axis of a matrix, with a negative start: m[:, -1::-2] = s.
        var m = Tensor.Zeros<float>(new Shape(2, 4), Device);
        var s = Matrix(new float[,] { { 1, 2 }, { 3, 4 } });
        AssertExact(new RefArray([2, 4], [0, 2, 0, 1, 0, 4, 0, 3]), m.SliceScatter(s, -1, -1, null, -2), "[:, -1::-2]");
        // An empty slice changes nothing.
        AssertExact(new RefArray([10], Enumerable.Range(0, 10).Select(i => (double)i).ToArray()),
            x.SliceScatter(Tensor.Zeros<float>(new Shape(0), Device), 0, 5, 5), "[5:5]");
    }

    [Fact]
    public void ShapeErrorsNameTheOpAndBothShapes()
    {
        var x = Tensor.Zeros<float>(new Shape(3, 4), Device);
        Throws<ArgumentException>(() => x.SliceScatter(Tensor.Zeros<float>(new Shape(3, 3), Device), 1, 0, 4, 2), "slice_scatter", "(3,3)", "(3,2)");
        Throws<ArgumentException>(() => x.SliceScatter(Tensor.Zeros<float>(new Shape(2), Device), 1, step: -2), "slice_scatter", "(2)", "(3,2)");
        Throws<ArgumentException>(() => x.SliceScatter(Tensor.Zeros<float>(new Shape(1, 2), Device), 1, step: 2), "slice_scatter", "(1,2)", "(3,2)");
        Throws<ArgumentException>(() => x.SliceScatter(x, 0, step: 0), "slice_scatter", "step");
        Throws<ArgumentOutOfRangeException>(() => x.SliceScatter(x, 2), "slice_scatter", "axis 2");
        Throws<InvalidOperationException>(() => x.SliceScatter(Tensor.Zeros<float>(new Shape(3, 4), OtherDevice), 0), "slice_scatter", "devices");
    }

    private static int[] WithAxis(int[] shape, int axis, int n)
    {
        var dims = (int[])shape.Clone();
        dims[axis] = n;
        return dims;
    }
}

public sealed class SliceScatterTestsOnCpu : SliceScatterTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class SliceScatterTestsOnIlgpu : SliceScatterTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// src/Tensor/TensorFactory.cs: zeros, ones, full, scalar, arange, linspace, FromArray (rectangular, jagged and
/// mixed nesting; it copies) and Wrap (it does not copy; CPU only).
/// </summary>
public abstract class TensorFactoryTests : TensorTestBase
{
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
}

public sealed class TensorFactoryTestsOnCpu : TensorFactoryTests
{
    protected override Device Device => Device.Cpu;

    [Fact]
    public void WrapSharesTheArrayAndChecksItsLength()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        var x = Tensor.Wrap(data, new Shape(2, 3));
        Assert.Equal(new Shape(2, 3), x.Shape);
        Assert.Equal(6f, x[1, 2]);
        data[5] = 60;                       // no copy was made: the tensor reads the array itself
        Assert.Equal(60f, x[1, 2]);
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Wrap(data, new Shape(4, 2)));
        Assert.Contains("wrap: 6 values cannot fill shape", ex.Message);
    }
}

public sealed class TensorFactoryTestsOnIlgpu : TensorFactoryTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

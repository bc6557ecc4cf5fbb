using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Edge cases found in review: integer extremes that would throw inside a GPU kernel (and kill the process),
/// overflow in slice arithmetic, views larger than an array, and errors named after the op the user called.
/// </summary>
public abstract class EdgeCaseTests : TensorTestBase
{
    [Fact]
    public void IntegerExtremesWrapAsInNumPyInsteadOfThrowing()
    {
        // numpy.abs(np.int32(-2**31)) == -2**31; np.int32(-2**31) // -1 == -2**31 (with a warning).
        Assert.Equal([int.MinValue, 5, 5], Values(int.MinValue, -5, 5).Abs().ToArray());
        Assert.Equal([int.MinValue, -7, 3], Values(int.MinValue, 7, -7).Divide(Values(-1, -1, -2)).ToArray());
    }

    [Fact]
    public void IntegerDivisionByZeroIsRefusedBeforeAnyKernelRuns()
    {
        Throws<DivideByZeroException>(() => Values(1, 2).Divide(Values(1, 0)), "divide", "division by zero");
        Assert.Empty(Tensor.Zeros<int>(new Shape(0), Device).Divide(Values(0)).ToArray());   // nothing divided, nothing refused
    }

    [Fact]
    public void FloatDivisionFollowsIeee()
    {
        var q = Values(1f, -1f, 0f, 6f).Divide(Values(0f, 0f, 0f, -1f)).ToArray();
        Assert.Equal(float.PositiveInfinity, q[0]);
        Assert.Equal(float.NegativeInfinity, q[1]);
        Assert.True(float.IsNaN(q[2]));
        Assert.Equal(-6f, q[3]);
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
    public void ErrorsNameTheOpTheUserCalled()
    {
        var x = Tensor.Zeros<float>(new Shape(2, 3), Device);
        Throws<IndexOutOfRangeException>(() => x.IndexSelect(1, Values(0, 3)), "index_select", "(2,3)", "index 3", "size 3");
        Throws<IndexOutOfRangeException>(() => Tensor.Zeros<float>(new Shape(2, 0), Device).IndexSelect(1, Values(0)), "index_select", "(2,0)", "empty");
        Throws<ArgumentException>(() => Tensor.Zeros<float>(new Shape(2, 0), Device).Softmax(), "softmax", "(2,0)", "empty");
        Throws<ArgumentException>(() => Tensor.Zeros<float>(new Shape(2, 0), Device).LogSoftmax(), "log_softmax", "(2,0)", "empty");
        Throws<ArgumentException>(() => x.Reshape(-2, 3), "reshape", "(2,3)", "(-2,3)");
        Throws<ArgumentException>(() => Tensor.Initialize<float>(new Shape(2, 2), "glorot", new Generator(1)), "unknown initializer 'glorot'", "glorot_uniform");
    }

    [Fact]
    public void ArgMaxWithoutAnAxisIndexesTheFlattenedTensor()
    {
        // numpy.argmax([[1, 9, 9], [9, 0, 2]]) == 1: the first maximum in row-major order.
        Assert.Equal(1, Matrix(new float[,] { { 1, 9, 9 }, { 9, 0, 2 } }).ArgMax());
        Assert.Equal(5, Matrix(new float[,] { { 1, 2, 3 }, { 4, 0, 5 } }).Transpose().ArgMax());   // a view: [[1,4],[2,0],[3,5]]
    }

    [Fact]
    public void EmptyShapesMayHaveHugeOtherDimensions()
    {
        var x = Tensor.Zeros<float>(new Shape(1_000_000, 1_000_000, 0), Device);   // NumPy allows it: 0 elements
        Assert.Equal(0, x.Size);
        Assert.Equal(new Shape(1_000_000, 0, 1_000_000), x.Permute(0, 2, 1).Shape);
    }
}

public sealed class EdgeCaseTestsOnCpu : EdgeCaseTests
{
    protected override Device Device => Device.Cpu;

    [Fact]
    public void ArgMaxCountsPositionsBeyondWhatAFloatCanHold()
    {
        // 2²⁴ + 3 elements: float positions above 2²⁴ are not exact; the answer must be the exact last index.
        int n = (1 << 24) + 3;
        var data = new float[n];
        data[n - 1] = 1f;
        Assert.Equal(n - 1, Tensor.FromArray(data).ArgMax(0).Item());
    }

    [Fact]
    public void MatMulBroadcastsABatchLargerThanAnArrayCouldHold()
    {
        // (9000,1,512) @ (512,256): B broadcast to (9000,512,256) describes 1.18·10⁹ elements… ×2 > int.MaxValue
        // as a view; only the (9000,1,256) result is real.
        var a = Tensor.Ones<float>(new Shape(9000, 1, 512));
        var b = Tensor.Ones<float>(new Shape(512, 256));
        var c = a.MatMul(b);
        Assert.Equal(new Shape(9000, 1, 256), c.Shape);
        Assert.All(c.ToArray(), v => Assert.Equal(512f, v));
    }

    [Fact]
    public void AStridedReductionOfOneLongVectorFoldsInOnePass()
    {
        // A reversed vector has stride −1 along the reduced axis and a single output: folded per output.
        var x = Tensor.Arange(0.0, 100_000.0, 1.0).Flip(0);
        Assert.Equal(4_999_950_000.0, x.Sum(0).Item());
        Assert.Equal(0.0, x.Min(0).Item());
    }
}

public sealed class EdgeCaseTestsOnIlgpu : EdgeCaseTests
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

using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Every misuse throws the documented exception type with a message that names the op and the shapes
/// involved, so a learner can find the bad line from the message alone. A sweep over src/Tensor/Ops (MatrixProducts,
/// Elementwise, Indexing, Reductions, SoftmaxFunctions, Joining, Views), TensorFactory.cs, Shape.cs and Tensor.cs.
/// </summary>
public abstract class ErrorMessageTests : TensorTestBase
{
    private Tensor<float> Zeros(params int[] shape) => Tensor.Zeros<float>(new Shape(shape), Device);

    [Fact]
    public void MatMulNamesBothShapesAndTheInnerDimensions()
    {
        Throws<ArgumentException>(() => Zeros(32, 10).MatMul(Zeros(20, 5)), "matmul: (32,10) @ (20,5): inner dimensions 10 and 20 differ");
        Throws<ArgumentException>(() => Zeros(3).MatMul(Zeros(4)), "matmul: (3) @ (4): inner dimensions 3 and 4 differ");
        Throws<ArgumentException>(() => Zeros().MatMul(Zeros(2)), "matmul: () @ (2): operands must have at least one dimension");
    }

    [Fact]
    public void MatMulBatchMismatchNamesBothOperandShapes()
        => Throws<ArgumentException>(() => Zeros(2, 3, 4).MatMul(Zeros(5, 4, 2)), "matmul", "(2,3,4)", "(5,4,2)", "cannot be broadcast");

    [Theory]
    [InlineData("add")]
    [InlineData("subtract")]
    [InlineData("multiply")]
    [InlineData("divide")]
    [InlineData("maximum")]
    [InlineData("minimum")]
    [InlineData("equal")]
    [InlineData("not_equal")]
    [InlineData("less")]
    [InlineData("less_equal")]
    [InlineData("greater")]
    [InlineData("greater_equal")]
    [InlineData("pow")]
    public void BroadcastFailuresNameTheOpAndBothShapes(string op)
    {
        var (a, b) = (Zeros(2, 3), Zeros(4, 3));
        Func<Tensor<float>> call = op switch
        {
            "add" => () => a + b, "subtract" => () => a - b, "multiply" => () => a * b, "divide" => () => a / b,
            "maximum" => () => a.Maximum(b), "minimum" => () => a.Minimum(b), "equal" => () => a.Equal(b),
            "not_equal" => () => a.NotEqual(b), "less" => () => a.Less(b), "less_equal" => () => a.LessEqual(b),
            "greater" => () => a.Greater(b), "greater_equal" => () => a.GreaterEqual(b), "pow" => () => a.Pow(b),
            _ => throw new ArgumentException(op),
        };
        Throws<ArgumentException>(call, $"{op}: shapes (2,3) and (4,3) cannot be broadcast: dimension 0 of the result is 2 in one and 4 in the other");
    }

    [Fact]
    public void OtherBroadcastsNameTheirOp()
    {
        Throws<ArgumentException>(() => Tensor.Where(Zeros(2), Zeros(3), Zeros(3)), "where: shapes (2) and (3) cannot be broadcast");
        Throws<ArgumentException>(() => Zeros(2, 3).BroadcastTo(new Shape(2, 4)), "broadcast_to: cannot broadcast (2,3) to (2,4): dimension 1 is 3, not 1 or 4");
        Throws<ArgumentException>(() => Zeros(2, 3).BroadcastTo(new Shape(3)), "broadcast_to", "(2,3)", "(3)");
    }

    [Fact]
    public void AxesOutOfRangeNameTheOpTheAxisAndTheRank()
    {
        var x = Zeros(2, 3);
        var cases = new (string Op, Func<object> Call)[]
        {
            ("sum", () => x.Sum(3)), ("max", () => x.Max(-3)), ("min", () => x.Min(2)), ("mean", () => x.Mean(3)),
            ("variance", () => x.Variance(3)), ("argmax", () => x.ArgMax(3)), ("softmax", () => x.Softmax(3)),
            ("log_softmax", () => x.LogSoftmax(3)), ("concat", () => Tensor.Concat([x, x], 3)), ("stack", () => Tensor.Stack([x, x], 4)),
            ("split", () => x.Split(1, 3)), ("slice", () => x.Slice(3, 0, 1)), ("narrow", () => x.Narrow(3, 0, 1)),
            ("transpose", () => x.Transpose(0, 3)), ("permute", () => x.Permute(0, 3)), ("squeeze", () => x.Squeeze(3)),
            ("unsqueeze", () => x.Unsqueeze(4)), ("gather", () => x.Gather(3, Tensor.Zeros<int>(new Shape(2, 3), Device))),
            ("index_select", () => x.IndexSelect(3, Tensor.Zeros<int>(new Shape(1), Device))), ("take", () => x.Take(Tensor.Zeros<int>(new Shape(1), Device), 3)),
        };
        foreach (var (op, call) in cases)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Matches($@"^{op}: axis -?\d is out of range for a tensor of rank \d", e.Message);
        }
        Throws<ArgumentOutOfRangeException>(() => x.Sum(3), "sum: axis 3 is out of range for a tensor of rank 2");
        Throws<ArgumentException>(() => x.Sum([0, -2]), "sum: repeated axis in (0,-2)");
    }

    [Fact]
    public void ShapeMismatchesNameBothShapes()
    {
        Throws<ArgumentException>(() => Zeros(2, 3).Reshape(4), "reshape: cannot reshape (2,3) (6 elements) into (4) (4 elements)");
        Throws<ArgumentException>(() => Zeros(2, 3).Reshape(4, -1), "reshape: cannot reshape (2,3) (6 elements) into (4,-1)");
        Throws<ArgumentException>(() => Zeros(2, 3).Reshape(-1, -1), "reshape: (2,3) -> (-1,-1): only one dimension can be -1");
        Throws<ArgumentException>(() => Tensor.FromArray<float>([1, 2, 3], new Shape(2, 2), Device), "from_array: 3 values cannot fill shape (2,2) (4 elements)");
        Throws<ArgumentException>(() => Tensor.Concat([Zeros(2, 3), Zeros(2, 4)]), "concat: shapes (2,3) and (2,4) differ outside axis 0");
        Throws<ArgumentException>(() => Tensor.Concat([Zeros(2, 3), Zeros(3)]), "concat", "(2,3)", "(3)");
        Throws<ArgumentException>(() => Tensor.Concat([Zeros(), Zeros()]), "concat: cannot concatenate 0-d tensors; use Stack");
        Throws<ArgumentException>(() => Tensor.Concat(Array.Empty<Tensor<float>>()), "concat: need at least one tensor");
        Throws<ArgumentException>(() => Tensor.Stack([Zeros(2), Zeros(3)]), "stack: shapes (2) and (3) differ");
        Throws<ArgumentException>(() => Zeros(5).Split([2, 2]), "split: sizes (2,2) do not add up to axis 0 of shape (5)");
        Throws<ArgumentException>(() => Zeros(5).Split(2), "split: axis 0 of shape (5) cannot be split into 2 equal sections");
        Throws<ArgumentException>(() => Zeros(2, 3).Gather(0, Tensor.Zeros<int>(new Shape(2), Device)), "gather: index of shape (2) must have the rank of x (2,3)");
        Throws<ArgumentException>(() => Zeros(2, 3).IndexSelect(0, Tensor.Zeros<int>(new Shape(1, 1), Device)), "index_select: index must be 1-d, got shape (1,1)");
        Throws<ArgumentException>(() => Zeros(2, 3).Permute(0, 0), "permute: axis 0 repeated in (0,0)");
        Throws<ArgumentException>(() => Zeros(2, 3).Permute(0), "permute: 1 axes given for a tensor of shape (2,3)");
        Throws<ArgumentException>(() => Zeros(2, 3).Squeeze(1), "squeeze: axis 1 of shape (2,3) has size 3, not 1");
        Throws<ArgumentOutOfRangeException>(() => Zeros(2, 3).Narrow(1, 2, 2), "narrow: [2, 4) is outside axis 1 of size 3 in shape (2,3)");
        Throws<ArgumentException>(() => Zeros(2, 3).Slice(1, step: 0), "slice: step must not be zero");
    }

    [Fact]
    public void BadFactoryArgumentsAreRejected()
    {
        Throws<ArgumentException>(() => Tensor.FromArray<float>(new float[][] { [1, 2, 3], [4, 5] }, Device),
            "from_array: ragged array: element [1] has length 2 along dimension 1, expected 3");
        Throws<ArgumentException>(() => Tensor.FromArray<float>(new float[][][] { [[1, 2], [3, 4]], [[5, 6], [7]] }, Device),
            "from_array: ragged array: element [1][1] has length 1 along dimension 2, expected 2");
        Throws<ArgumentException>(() => Tensor.FromArray<float>(new float[][] { [1, 2], null! }, Device), "from_array: element [1] is null");
        Throws<ArgumentException>(() => Tensor.FromArray<float>(new double[] { 1, 2 } as Array, Device), "from_array: elements are Double, expected Single");
        Throws<ArgumentException>(() => Tensor.Arange(0f, 1f, 0f, Device), "arange: step must not be zero");
        Throws<ArgumentException>(() => Tensor.Linspace(0f, 1f, -1, Device), "linspace: count must be >= 0, got -1");
        Throws<ArgumentException>(() => new Shape(2, -1), "shape: dimensions must be >= 0, got (2,-1)");
        Throws<ArgumentException>(() => new Shape(1, 1, 1, 1, 1, 1, 1, 1, 1), "shape: at most 8 dimensions are supported, got 9");
        Throws<ArgumentException>(() => Zeros(3).Clip(2f, 1f), "clip: low 2 is greater than high 1");
    }

    [Fact]
    public void MixingDevicesThrowsInvalidOperation()
    {
        var here = Zeros(2, 2);
        var there = Tensor.Zeros<float>(new Shape(2, 2), OtherDevice);
        string names = OnIlgpu ? "(ilgpu:cpu and cpu)" : "(cpu and ilgpu:cpu)";
        Throws<InvalidOperationException>(() => here + there, $"add: operands live on different devices {names}; move one with .To(device)");
        Throws<InvalidOperationException>(() => here.MatMul(there), "matmul: operands live on different devices");
        Throws<InvalidOperationException>(() => Tensor.Where(here, here, there), "where: operands live on different devices");
        Throws<InvalidOperationException>(() => Tensor.Concat([here, there]), "concat: operands live on different devices");
        Throws<InvalidOperationException>(() => here.Gather(0, Tensor.Zeros<int>(new Shape(1, 2), OtherDevice)), "gather: operands live on different devices");
    }

    [Fact]
    public void ElementAccessOutOfRangeNamesTheIndexAndShape()
    {
        var x = Zeros(2, 3);
        Throws<IndexOutOfRangeException>(() => x[1, 3], "index: 3 is out of range for dimension 1 of shape (2,3)");
        Throws<IndexOutOfRangeException>(() => x[-3, 0], "index: -3 is out of range for dimension 0 of shape (2,3)");
        Throws<ArgumentException>(() => x[1], "index: 1 indices for a tensor of shape (2,3)");
        Throws<InvalidOperationException>(() => x.Item(), "item: tensor of shape (2,3) has 6 elements, not 1");
    }
}

public sealed class ErrorMessageTestsOnCpu : ErrorMessageTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ErrorMessageTestsOnIlgpu : ErrorMessageTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

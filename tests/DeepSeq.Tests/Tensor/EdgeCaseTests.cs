using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Edge cases across ops: errors named after the op the user called (Ops/Indexing.cs, Ops/SoftmaxFunctions.cs,
/// Ops/Views.cs, Layers' InitializerTensors) and size-0 tensors through Ops/Elementwise, Reductions, Views,
/// MatrixProducts and Joining.
/// </summary>
public abstract class EdgeCaseTests : TensorTestBase
{
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

public sealed class EdgeCaseTestsOnCpu : EdgeCaseTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class EdgeCaseTestsOnIlgpu : EdgeCaseTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// src/Tensor/Shape.cs: the rank limit of 8 works end to end, and a shape with a 0 dimension may have
/// other dimensions whose product overflows an int.
/// </summary>
public abstract class ShapeTests : TensorTestBase
{
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

    [Fact]
    public void EmptyShapesMayHaveHugeOtherDimensions()
    {
        var x = Tensor.Zeros<float>(new Shape(1_000_000, 1_000_000, 0), Device);   // NumPy allows it: 0 elements
        Assert.Equal(0, x.Size);
        Assert.Equal(new Shape(1_000_000, 0, 1_000_000), x.Permute(0, 2, 1).Shape);
    }
}

public sealed class ShapeTestsOnCpu : ShapeTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ShapeTestsOnIlgpu : ShapeTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

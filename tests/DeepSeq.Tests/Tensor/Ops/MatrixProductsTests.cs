using System.Numerics;
using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor.Ops;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// MatMul against a naive triple loop with NumPy's <c>matmul</c> rules: 2-d, transposed and strided views,
/// 1-d operands, broadcast batch dimensions.
/// </summary>
/// <remarks>
/// Tolerance per element: k·2u·Σₚ|a_ip|·|b_pj| (a dot product of length k in any order errs by at most
/// γₖ·Σ|a||b|, Higham §3.1; for float 2u ≈ 1.2·10⁻⁷).
/// </remarks>
public abstract class MatrixProductsTests : TensorTestBase
{
    private int MatrixDim => OnIlgpu ? 5 : 12;

    private void AssertMatMul<T>(TensorCase ca, TensorCase cb) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (ra, rb) = (ca.Expected, cb.Expected);
        int k = ra.Shape[^1];
        var tolerance = RefArray.AbsMatMul(ra, rb).Map(s => k * 2 * Unit<T>() * s);
        AssertWithin(RefArray.MatMul(ra, rb), Make<T>(ca).MatMul(Make<T>(cb)), tolerance, $"matmul of {ca}\n  and {cb}");
    }

    // An (m, k) and a (k, n) operand, each possibly a non-contiguous view.
    private Gen<(TensorCase a, TensorCase b)> MatrixPair =>
        from m in Gen.Choose(1, MatrixDim)
        from k in Gen.Choose(1, MatrixDim)
        from n in Gen.Choose(1, MatrixDim)
        from a in TensorGen.Case([m, k], TensorGen.Real)
        from b in TensorGen.Case([k, n], TensorGen.Real)
        select (a, b);

    [Fact]
    public void MatrixProductMatchesTheNaiveLoop() => Property(MatrixPair, t => AssertMatMul<float>(t.a, t.b));

    [Fact]
    public void Float64MatrixProductMatchesTheNaiveLoop() => Property(MatrixPair, t => AssertMatMul<double>(t.a, t.b), cases: Cases / 2);

    /// <summary>Batch dimensions broadcast: shapes like (2,1,3,4) @ (5,4,2) → (2,5,3,2), and 1-d operands on either side.</summary>
    [Fact]
    public void BatchedAndOneDimensionalProductsFollowNumPy() => Property(
        from batch in TensorGen.BroadcastPair(2, 6)
        from m in Gen.Choose(1, 4)
        from k in Gen.Choose(1, 4)
        from n in Gen.Choose(1, 4)
        from leftIsVector in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from rightIsVector in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from a in TensorGen.Case(leftIsVector ? [k] : [.. batch.A, m, k], TensorGen.Real)
        from b in TensorGen.Case(rightIsVector ? [k] : [.. batch.B, k, n], TensorGen.Real)
        select (a, b),
        t => AssertMatMul<float>(t.a, t.b));

    [Fact]
    public void GoldenProducts()
    {
        // [[1, 2], [3, 4]] @ [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
        var a = Matrix(new float[,] { { 1, 2 }, { 3, 4 } });
        var b = Matrix(new float[,] { { 5, 6 }, { 7, 8 } });
        AssertExact(new RefArray([2, 2], [19, 22, 43, 50]), a.MatMul(b), "2×2");
        // Transposed views are read in place: aᵀ @ bᵀ = [[1, 3], [2, 4]] @ [[5, 7], [6, 8]] = [[23, 31], [34, 46]].
        AssertExact(new RefArray([2, 2], [23, 31, 34, 46]), a.Transpose().MatMul(b.Transpose()), "aᵀ @ bᵀ");
        // 1-d: (2) @ (2,2) is a row times a matrix; (2,2) @ (2) a matrix times a column; (2) @ (2) a dot product.
        var v = Values(1f, -1f);
        AssertExact(new RefArray([2], [-2, -2]), v.MatMul(b), "(2) @ (2,2)");
        AssertExact(new RefArray([2], [-1, -1]), a.MatMul(v), "(2,2) @ (2)");
        AssertExact(new RefArray([], [2]), v.MatMul(v), "(2) @ (2)");
        Assert.Equal(new Shape(2, 5, 3, 2), Tensor.Ones<float>(new Shape(2, 1, 3, 4), Device).MatMul(Tensor.Ones<float>(new Shape(5, 4, 2), Device)).Shape);
        Assert.All(Tensor.Ones<float>(new Shape(2, 1, 3, 4), Device).MatMul(Tensor.Ones<float>(new Shape(5, 4, 2), Device)).ToArray(), x => Assert.Equal(4f, x));
        Assert.Equal(new Shape(3, 2), Values(1f, 2f).MatMul(Tensor.Ones<float>(new Shape(3, 2, 2), Device)).Shape);
    }

    [Fact]
    public void StridedAndBroadcastOperandsAreReadThroughTheirStrides()
    {
        var x = Tensor.Arange(24f, Device).Reshape(4, 6);
        var rx = Ref(x);
        // Every second column (a column stride of 2), a reversed row order, a row broadcast down a matrix.
        var a = x.Slice(1, step: 2);                                   // (4,3), strides (6,2)
        var b = x.Flip(0).Narrow(1, 1, 2).Slice(0, 1);                 // (3,2), negative row stride, offset
        var c = x.Slice(0, 0, 1).BroadcastTo(new Shape(3, 6));         // (3,6), row stride 0
        AssertExact(RefArray.MatMul(rx.Select(1, [0, 2, 4]), rx.Select(0, [2, 1, 0]).Select(1, [1, 2])), a.MatMul(b), "strided @ reversed");
        AssertExact(RefArray.MatMul(rx.Select(0, [0, 0, 0]), rx.Transpose()), c.MatMul(x.Transpose()), "broadcast rows @ transposed");
    }

    /// <summary>NumPy: a (2,0) @ (0,3) product is a (2,3) matrix of zeros (empty sums).</summary>
    [Fact]
    public void AnEmptyInnerDimensionGivesZeros()
    {
        var c = Tensor.Ones<float>(new Shape(2, 0), Device).MatMul(Tensor.Ones<float>(new Shape(0, 3), Device));
        AssertExact(new RefArray([2, 3], new double[6]), c, "(2,0) @ (0,3)");
    }
}

file static class RefArrayExtensions
{
    public static RefArray Transpose(this RefArray r) => r.Permute(Enumerable.Range(0, r.Rank).Reverse().ToArray());
}

public sealed class MatrixProductsTestsOnCpu : MatrixProductsTests
{
    protected override Device Device => Device.Cpu;

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
}

public sealed class MatrixProductsTestsOnIlgpu : MatrixProductsTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

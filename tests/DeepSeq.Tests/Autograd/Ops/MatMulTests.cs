using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of matmul with respect to both operands against float64 central differences, under NumPy's rules:
/// matrices, a 1-d operand on either side, batch dimensions broadcast one way or both (rank four included), and the dot
/// product of two vectors, on both devices.
/// </summary>
public abstract class MatMulTests : GradTestBase
{
    [Fact]
    public void MatMulGradient() => Property(
        MatMulInputs(),
        t => AssertGradient(v => v[0].MatMul(v[1]), "a · b", t.A, t.B), GradCases);

    /// <summary>
    /// Operands of a NumPy matmul: matrices (m,k)·(k,n), a 1-d operand on one side, and stacks of matrices whose
    /// batch dimensions broadcast ((2,m,k)·(k,n), (1,m,k)·(3,k,n)); m, k, n in 1–4. The dot product of two
    /// vectors has its own test, <see cref="VectorDotVectorGradient"/>.
    /// </summary>
    protected Gen<(TensorCase A, TensorCase B)> MatMulInputs() =>
        from m in Gen.Choose(1, 4)
        from k in Gen.Choose(1, 4)
        from n in Gen.Choose(1, 4)
        from rankA in Gen.Choose(1, 3)
        from rankB in Gen.Choose(rankA == 1 ? 2 : 1, 3)
        from batch in Gen.Choose(1, 3)
        from carrier in Gen.Elements(0, 1, 2)   // which operand has the batch: A, B, or both (equal batches)
        let batchA = rankA == 3 ? new[] { carrier != 1 ? batch : 1 } : []
        let batchB = rankB == 3 ? new[] { carrier != 0 ? batch : 1 } : []
        from a in GradGen.Input(rankA == 1 ? [k] : [.. batchA, m, k], GradGen.Moderate)
        from b in GradGen.Input(rankB == 1 ? [k] : [.. batchB, k, n], GradGen.Moderate)
        select (a, b);

    /// <summary>(2,1,m,k)·(3,k,n) → (2,3,m,n): two batch dimensions, broadcast both ways, summed back in backward.</summary>
    [Fact]
    public void RankFourBatchedMatMulGradient() => Property(
        from m in Gen.Choose(1, 3)
        from k in Gen.Choose(1, 3)
        from n in Gen.Choose(1, 3)
        from a in GradGen.Input([2, 1, m, k], GradGen.Moderate)
        from b in GradGen.Input([3, k, n], GradGen.Moderate)
        select (a, b),
        t => AssertGradient(v => v[0].MatMul(v[1]), "(2,1,m,k) @ (3,k,n)", t.a, t.b), GradCases);

    /// <summary>(k)·(k) → a 0-d result: both operands are promoted, so the 0-d gradient must be unsqueezed twice.</summary>
    [Fact]
    public void VectorDotVectorGradient() => Property(
        from k in Gen.Choose(1, 4)
        from a in GradGen.Input([k], GradGen.Moderate)
        from b in GradGen.Input([k], GradGen.Moderate)
        select (a, b),
        t => AssertGradient(v => v[0].MatMul(v[1]), "a · b (vectors)", t.a, t.b), GradCases);
}

public sealed class MatMulTestsOnCpu : MatMulTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class MatMulTestsOnIlgpu : MatMulTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

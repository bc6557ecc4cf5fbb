using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd;

/// <summary>
/// Gradients of the arithmetic ops — add, subtract, multiply, divide, negate, matmul, sum — checked against
/// float64 central differences (<see cref="GradCheck"/>) over random shapes (rank 0–3, dimensions 1–4),
/// broadcasting pairs and non-contiguous inputs (<see cref="GradGen"/>).
/// </summary>
/// <remarks>Every test here runs on both devices: the CPU, and ILGPU's CPU accelerator with smaller cases.</remarks>
public abstract class ArithmeticGradTests : GradTestBase
{
    [Fact]
    public void AddGradientSumsOverBroadcastDimensions() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.Moderate),
        t => AssertGradient(v => v[0] + v[1], "a + b", t.A, t.B), GradCases);

    [Fact]
    public void DivideGradient() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.Moderate),   // |b| ≥ 0.5
        t => AssertGradient(v => v[0] / v[1], "a / b", t.A, t.B), GradCases);

    [Fact]
    public void MatMulGradient() => Property(
        MatMulInputs(),
        t => AssertGradient(v => v[0].MatMul(v[1]), "a · b", t.A, t.B), GradCases);

    [Fact]
    public void SumGradient() => Property(
        from x in GradGen.Input(GradMaxSize, GradGen.Moderate)
        from r in GradGen.Reduction(x.Shape.Length)
        select (x, r),
        t => AssertGradient(v => v[0].Sum(t.r.Axes, t.r.KeepDims), $"sum({Axes(t.r.Axes)}, keepDims: {t.r.KeepDims})", t.x),
        GradCases);

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

    protected static string Axes(int[]? axes) => axes is null ? "null" : $"[{string.Join(",", axes)}]";

    [Fact]
    public void SubtractGradient() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.Moderate),
        t => AssertGradient(v => v[0] - v[1], "a − b", t.A, t.B), GradCases);

    [Fact]
    public void MultiplyGradient() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.Moderate),
        t => AssertGradient(v => v[0] * v[1], "a · b", t.A, t.B), GradCases);

    [Fact]
    public void NegateGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => -v[0], "−x", x), GradCases);

    [Fact]
    public void ScalarOperatorsGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => (2.5 - v[0] * 3.0) / 1.5 + 0.75 / v[0] - 1.0, "(2.5 − 3x)/1.5 + 0.75/x − 1", x), GradCases);

    [Fact]
    public void AnOperandUsedTwiceGetsBothGradients() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.Moderate),
        t => AssertGradient(v => v[0] * v[0] - v[1] / (v[0] + v[1] * v[1] + 10.0), "a² − b/(a + b² + 10)", t.A, t.B), GradCases);
}

public sealed class ArithmeticGradTestsOnCpu : ArithmeticGradTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ArithmeticGradTestsOnIlgpu : ArithmeticGradTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

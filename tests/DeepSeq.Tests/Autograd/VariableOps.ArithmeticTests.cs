using DeepSeq.Autograd;
using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Autograd;

/// <summary>
/// The operators of <see cref="Variable{T}"/> where no single primitive is checked alone: scalar operands on either
/// side of + − × ÷, and an operand used twice in one expression (its two gradients must add up), against float64
/// central differences on both devices. Each primitive has its own test in <c>Ops/</c>.
/// </summary>
public abstract class VariableOpsArithmeticTests : GradTestBase
{
    [Fact]
    public void ScalarOperatorsGradient() => Property(
        GradGen.Input(GradMaxSize, GradGen.Moderate),
        x => AssertGradient(v => (2.5 - v[0] * 3.0) / 1.5 + 0.75 / v[0] - 1.0, "(2.5 − 3x)/1.5 + 0.75/x − 1", x), GradCases);

    [Fact]
    public void AnOperandUsedTwiceGetsBothGradients() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.Moderate),
        t => AssertGradient(v => v[0] * v[0] - v[1] / (v[0] + v[1] * v[1] + 10.0), "a² − b/(a + b² + 10)", t.A, t.B), GradCases);
}

public sealed class VariableOpsArithmeticTestsOnCpu : VariableOpsArithmeticTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class VariableOpsArithmeticTestsOnIlgpu : VariableOpsArithmeticTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The elementwise ops of <c>VariableOps.Elementwise.cs</c> beyond each primitive's gradient (in <c>Ops/</c>): every
/// op's value equal to the tensor core's bit for bit, and the infinite slopes of sqrt and log at zero, on both devices.
/// </summary>
public abstract class VariableOpsElementwiseTests : GradTestBase
{
    /// <summary>
    /// A gradient check compares the backward with the forward, so it cannot see a wrong forward: this property
    /// does, requiring every op's value to equal the tensor core's bit for bit (minimum's −max(−a, −b) included:
    /// negation is exact). Ties are welcome here.
    /// </summary>
    [Fact]
    public void ValuesEqualTheTensorCore() => Property(
        from pair in GradGen.BroadcastInputs(GradMaxSize, TensorGen.RealOrTies, TensorGen.RealOrTies)
        from positive in GradGen.Input(pair.A.Shape, TensorGen.Positive)
        select (pair.A, pair.B, positive),
        t =>
        {
            var (a, b, p) = (Make<double>(t.A), Make<double>(t.B), Make<double>(t.positive));
            var (va, vb, vp) = (new Variable<double>(a), new Variable<double>(b), new Variable<double>(p));
            var mask = a.Greater(b);
            foreach (var (name, variable, tensor) in new[]
                     {
                         ("exp", va.Exp(), a.Exp()), ("log", vp.Log(), p.Log()), ("sqrt", vp.Sqrt(), p.Sqrt()),
                         ("tanh", va.Tanh(), a.Tanh()), ("sigmoid", va.Sigmoid(), a.Sigmoid()), ("relu", va.Relu(), a.Relu()),
                         ("abs", va.Abs(), a.Abs()), ("pow", vp.Pow(vb), p.Pow(b)), ("pow 3", va.Pow(3.0), a.Pow(3.0)),
                         ("maximum", va.Maximum(vb), a.Maximum(b)), ("minimum", va.Minimum(vb), a.Minimum(b)),
                         ("clip", va.Clip(-1.5, 2.0), a.Clip(-1.5, 2.0)), ("where", VariableOps.Where(mask, va, vb), Tensor.Where(mask, a, b)),
                     })
                AssertExact(Ref(tensor), variable.Data, $"{name} of {t.A} and {t.B}");
        },
        GradCases);

    [Fact]
    public void SqrtAndLogHaveInfiniteSlopeAtZero()
    {
        var x = Leaf(0, 4);
        x.Sqrt().Sum().Backward();
        Assert.Equal([double.PositiveInfinity, 0.25], x.Grad!.ToArray());   // IEEE: 1 / (2·0)
        var y = Leaf(0, 2);
        y.Log().Sum().Backward();
        Assert.Equal([double.PositiveInfinity, 0.5], y.Grad!.ToArray());    // IEEE: 1 / 0
    }
}

public sealed class VariableOpsElementwiseTestsOnCpu : VariableOpsElementwiseTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class VariableOpsElementwiseTestsOnIlgpu : VariableOpsElementwiseTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

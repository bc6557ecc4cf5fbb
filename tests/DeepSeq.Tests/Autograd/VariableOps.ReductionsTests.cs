using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;
using static DeepSeq.Tests.Autograd.ReductionGen;

namespace DeepSeq.Tests.Autograd;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The reductions of <c>VariableOps.Reductions.cs</c> beyond each primitive's gradient (in <c>Ops/</c>): values equal
/// to the tensor core's bit for bit, single-axis overloads equal to the array ones, and fused softmax and log-softmax
/// equal to the composites they replace and finite at large inputs, on both devices.
/// </summary>
public abstract class VariableOpsReductionsTests : GradTestBase
{
    /// <summary>
    /// Softmax and log-softmax are fused primitives (one node each); their gradients must equal those of the
    /// composites they replace, written here from exp, sum, subtract, divide and log with a detached max shift.
    /// </summary>
    [Fact]
    public void FusedSoftmaxAndLogSoftmaxMatchTheirComposites() => Property(AlongAnAxis(GradMaxSize),
        t =>
        {
            var x = new Variable<double>(t.X.Make<double>(Device), requiresGrad: true);
            var shifted = x - new Variable<double>(x.Data.Max(t.Axis, keepDims: true));
            var e = shifted.Exp();
            var weights = Tensor.RandomNormal(x.Shape, new Generator(5), 0.0, 1.0, Device);
            var cases = new (string Name, Variable<double> Fused, Variable<double> Composite)[]
            {
                ("softmax", x.Softmax(t.Axis), e / e.Sum([t.Axis], keepDims: true)),
                ("log_softmax", x.LogSoftmax(t.Axis), shifted - e.Sum([t.Axis], keepDims: true).Log()),
            };
            foreach (var (name, fused, composite) in cases)
            {
                AssertClose(composite.Data.ToArray(), fused.Data.ToArray(), 1e-12, $"{name} forward");
                var dFused = Gradients.Of(fused, [x], weights, retainGraph: true)[0];
                var dComposite = Gradients.Of(composite, [x], weights, retainGraph: true)[0];
                AssertClose(dComposite.ToArray(), dFused.ToArray(), 1e-12, $"{name} backward");
            }
        }, GradCases);

    private static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])),
                $"{what}: element {i}: fused {actual[i]}, composite {expected[i]}");
    }

    [Fact]
    public void SoftmaxAndLogSoftmaxGradientsStayFiniteAtLargeInputs()
    {
        // softmax([1000, 1000]) = [½, ½]; with dOut = [1, 0]: dx = y₀(δ₀ⱼ − yⱼ) = [¼, −¼]. Unshifted, e¹⁰⁰⁰ = ∞.
        var x = new Variable<double>(Values(1000.0, 1000), requiresGrad: true);
        x.Softmax().Backward(Values(1.0, 0));
        Assert.Equal([0.25, -0.25], x.Grad!.ToArray());

        // log softmax([0, −1000]) = [0, −1000]; with dOut = [0, 1]: dx = δ₁ⱼ − softmaxⱼ = [−1, 1]. As ln(softmax) it
        // would be ln 0 = −∞ and a NaN gradient.
        var y = new Variable<double>(Values(0.0, -1000), requiresGrad: true);
        y.LogSoftmax().Backward(Values(0.0, 1));
        Assert.Equal([-1.0, 1], y.Grad!.ToArray());
    }

    /// <summary>
    /// A gradient check compares the backward with the forward, so it cannot see a wrong forward — and mean, min,
    /// variance, softmax and log-softmax are composites whose forward is ours. Each must equal the tensor core's
    /// value bit for bit: they run the same tensor operations in the same order (min as −max(−x): negation is exact).
    /// </summary>
    [Fact]
    public void ValuesEqualTheTensorCore() => Property(
        from x in GradGen.Input(GradMaxSize, TensorGen.RealOrTies, minRank: 1)
        from r in GradGen.Reduction(x.Shape.Length)
        from axis in Gen.Choose(-x.Shape.Length, x.Shape.Length - 1)
        select (x, r.Axes, r.KeepDims, axis),
        t =>
        {
            var x = Make<double>(t.x);
            var v = new Variable<double>(x);
            int count = (t.Axes?.Select(a => a < 0 ? a + x.Rank : a) ?? Enumerable.Range(0, x.Rank)).Aggregate(1, (n, d) => n * x.Shape[d]);
            int ddof = count > 1 ? 1 : 0;
            foreach (var (name, variable, tensor) in new[]
                     {
                         ("mean", v.Mean(t.Axes, t.KeepDims), x.Mean(t.Axes, t.KeepDims)),
                         ("max", v.Max(t.Axes, t.KeepDims), x.Max(t.Axes, t.KeepDims)),
                         ("min", v.Min(t.Axes, t.KeepDims), x.Min(t.Axes, t.KeepDims)),
                         ("variance", v.Variance(t.Axes, t.KeepDims, ddof), x.Variance(t.Axes, t.KeepDims, ddof)),
                         ("softmax", v.Softmax(t.axis), x.Softmax(t.axis)),
                         ("log_softmax", v.LogSoftmax(t.axis), x.LogSoftmax(t.axis)),
                     })
                AssertExact(Ref(tensor), variable.Data, $"{name} (axes {Axes(t.Axes)}, keepDims {t.KeepDims}, axis {t.axis}, ddof {ddof}) of {t.x}");
        },
        GradCases);

    [Fact]
    public void SingleAxisOverloadsMatchTheArrayOnes()
    {
        var x = Tensor.FromArray<double>(new double[,] { { 1, 5, 2 }, { 4, 0, 3 } });
        var v = new Variable<double>(x);
        foreach (var (one, many) in new[]
                 {
                     (v.Mean(1), v.Mean([1])), (v.Max(-1, keepDims: true), v.Max([-1], keepDims: true)),
                     (v.Min(0), v.Min([0])), (v.Variance(1, ddof: 1), v.Variance([1], ddof: 1)),
                 })
            Assert.Equal(many.Data.ToArray(), one.Data.ToArray());
    }
}

public sealed class VariableOpsReductionsTestsOnCpu : VariableOpsReductionsTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class VariableOpsReductionsTestsOnIlgpu : VariableOpsReductionsTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

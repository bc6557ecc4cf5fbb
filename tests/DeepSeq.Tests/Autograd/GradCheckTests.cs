using DeepSeq.Autograd;
using DeepSeq.Autograd.Ops;
using Xunit;

namespace DeepSeq.Tests.Autograd;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>The gradient checker itself: it passes correct rules and catches a wrong one, naming it.</summary>
public sealed class GradCheckTests
{
    private static Tensor<double> T(params double[] v) => Tensor.FromArray(v);

    [Fact]
    public void ACorrectRulePasses()
    {
        var result = GradCheck.Check(x => x[0] * x[1] + x[0], [T(1, 2, 3), T(-1, 0.5, 4)]);
        Assert.True(result.Passed, result.Message);
    }

    /// <summary>A deliberately wrong op, written as a learner writes one: y = x², with backward 3x instead of 2x.</summary>
    private sealed class WrongSquare : Function<double>
    {
        private readonly Tensor<double> _x;   // forward saves what backward needs
        private WrongSquare(Variable<double> x) : base(x) => _x = x.Data;
        public override string Name => "wrong_square";
        public static Variable<double> Apply(Variable<double> x) => new WrongSquare(x).Output(x.Data * x.Data);
        public override Tensor<double>?[] Backward(Tensor<double> dy) => [dy * _x * 3.0];
    }

    [Fact]
    public void AWrongRuleFailsAndTheReportNamesTheOpTheElementAndBothValues()
    {
        var result = GradCheck.Check(x => WrongSquare.Apply(x[0]), [T(0.5, -2)]);
        Assert.False(result.Passed);
        Assert.Equal("wrong_square", result.Op);
        Assert.Equal(0, result.Worst.Input);
        Assert.Equal([1], result.Worst.Index);                 // |x| is largest there, so the error is too
        Assert.Equal(result.Worst.Numeric * 1.5, result.Worst.Analytic, 1e-6);
        Assert.Contains("wrong_square", result.Message);
        Assert.Throws<GradCheckException>(() => GradCheck.Assert(x => WrongSquare.Apply(x[0]), [T(0.5, -2)]));
    }

    [Fact]
    public void ACompositeCanBeNamedInTheReport()
    {
        var result = GradCheck.Check(x => WrongSquare.Apply(x[0]) + x[0], [T(1.5)], name: "my_layer");
        Assert.False(result.Passed);
        Assert.StartsWith("gradcheck (my_layer) failed", result.Message);
    }
}

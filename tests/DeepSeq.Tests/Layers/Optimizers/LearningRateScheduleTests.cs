using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>
/// The argument checks of every schedule, each refusal naming the schedule and the argument: ExponentialDecay.cs,
/// InverseTimeDecay.cs, CosineDecay.cs, ConstantLearningRate.cs and PiecewiseConstantDecay.cs.
/// </summary>
public sealed class LearningRateScheduleTests
{
    [Fact]
    public void BadArgumentsAreRefusedWithTheScheduleAndArgumentNamed()
    {
        Assert.Contains("ExponentialDecay: decaySteps", Assert.Throws<ArgumentException>(() => new ExponentialDecay(0.1, 0, 0.5)).Message);
        Assert.Contains("InverseTimeDecay: initialLearningRate", Assert.Throws<ArgumentException>(() => new InverseTimeDecay(double.NaN, 1, 0.5)).Message);
        Assert.Contains("CosineDecay: alpha", Assert.Throws<ArgumentException>(() => new CosineDecay(0.1, 10, alpha: 1.5)).Message);
        Assert.Contains("ConstantLearningRate: learningRate", Assert.Throws<ArgumentException>(() => new ConstantLearningRate(-1)).Message);
        Assert.Contains("one more element", Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10], [1.0])).Message);
        Assert.Contains("strictly increasing", Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10, 10], [1.0, 0.5, 0.1])).Message);
        Assert.Contains("values[1]", Assert.Throws<ArgumentException>(() => new PiecewiseConstantDecay([10], [1.0, -0.5])).Message);
        Assert.Contains("step must be ≥ 0", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineDecay(0.1, 10).At(-1)).Message);
    }
}

using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>ConstantLearningRate gives its rate at every step.</summary>
public sealed class ConstantLearningRateTests
{
    [Fact]
    public void ConstantIsConstant()
    {
        var schedule = new ConstantLearningRate(0.3);
        Assert.Equal(0.3, schedule.At(0));
        Assert.Equal(0.3, schedule.At(long.MaxValue));
    }
}

using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>ExponentialDecay at chosen steps, smooth or staircase (values worked out by hand
/// from the Keras formula).</summary>
public sealed class ExponentialDecayTests
{
    [Fact]
    public void ExponentialDecayIsSmoothUnlessStaircase()
    {
        var smooth = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5);
        Assert.Equal(0.1, smooth.At(0), 15);
        Assert.Equal(0.1 * Math.Pow(0.5, 0.5), smooth.At(5), 15);   // half a period: 0.0707…
        Assert.Equal(0.025, smooth.At(20), 15);

        var stairs = new ExponentialDecay(0.1, decaySteps: 10, decayRate: 0.5, staircase: true);
        Assert.Equal(0.1, stairs.At(9), 15);
        Assert.Equal(0.05, stairs.At(10), 15);
        Assert.Equal(0.05, stairs.At(19), 15);
    }
}

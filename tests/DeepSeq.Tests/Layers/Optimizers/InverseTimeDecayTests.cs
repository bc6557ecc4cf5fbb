using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>InverseTimeDecay at chosen steps (values worked out by hand from the Keras
/// formula).</summary>
public sealed class InverseTimeDecayTests
{
    [Fact]
    public void InverseTimeDecayIsOneOverT()
    {
        var smooth = new InverseTimeDecay(1.0, decaySteps: 2, decayRate: 0.5);
        Assert.Equal(1.0, smooth.At(0), 15);
        Assert.Equal(1 / 1.25, smooth.At(1), 15);   // 1 / (1 + 0.5·½)
        Assert.Equal(0.5, smooth.At(4), 15);        // 1 / (1 + 0.5·2)

        var stairs = new InverseTimeDecay(1.0, decaySteps: 2, decayRate: 0.5, staircase: true);
        Assert.Equal(1.0, stairs.At(1), 15);
        Assert.Equal(1 / 1.5, stairs.At(3), 15);
    }
}

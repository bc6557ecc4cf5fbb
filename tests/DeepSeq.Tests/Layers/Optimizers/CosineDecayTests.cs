using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>CosineDecay at chosen steps: it falls to alpha·initial and stays there (values
/// worked out by hand from the Keras formula).</summary>
public sealed class CosineDecayTests
{
    [Fact]
    public void CosineDecayFallsToAlphaThenStays()
    {
        var schedule = new CosineDecay(0.2, decaySteps: 100, alpha: 0.1);
        Assert.Equal(0.2, schedule.At(0), 15);
        Assert.Equal(0.2 * (0.9 * 0.5 + 0.1), schedule.At(50), 15);   // cos(π/2) = 0: halfway between 1 and α
        Assert.Equal(0.02, schedule.At(100), 15);
        Assert.Equal(0.02, schedule.At(500), 15);
    }
}

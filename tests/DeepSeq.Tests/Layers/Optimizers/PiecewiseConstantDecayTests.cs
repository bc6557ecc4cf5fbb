using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>PiecewiseConstantDecay at and between its boundaries: a boundary belongs to the
/// interval on its left, as in Keras.</summary>
public sealed class PiecewiseConstantDecayTests
{
    [Fact]
    public void PiecewiseConstantDecayGivesABoundaryToTheIntervalOnItsLeft()
    {
        var schedule = new PiecewiseConstantDecay([100, 110], [1.0, 0.5, 0.1]);
        Assert.Equal(1.0, schedule.At(0));
        Assert.Equal(1.0, schedule.At(100));
        Assert.Equal(0.5, schedule.At(101));
        Assert.Equal(0.5, schedule.At(110));
        Assert.Equal(0.1, schedule.At(111));
        Assert.Equal(0.1, schedule.At(1_000_000));
    }
}

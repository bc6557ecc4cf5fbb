using DeepSeq.Kernels.RandomNumbers;
using Xunit;

namespace DeepSeq.Tests.Kernels.RandomNumbers;

/// <summary>
/// RandomStream's conversions from Philox words to numbers at their ends. The whole mapping, word by word, is
/// pinned through the fills that use it in Cpu/RandomFillTests.
/// </summary>
public sealed class RandomStreamTests
{
    [Fact]
    public void UnitConversionsHitTheirDocumentedEnds()
    {
        Assert.Equal(0f, RandomStream.UnitFloat(0));
        Assert.Equal(1f - 1f / 16777216f, RandomStream.UnitFloat(uint.MaxValue));
        Assert.Equal(0.0, RandomStream.UnitDouble(0, 0));
        Assert.Equal(1.0 - 1.0 / 9007199254740992.0, RandomStream.UnitDouble(uint.MaxValue, uint.MaxValue));
        // The open interval never reaches 0 (log-safe) nor 1.
        Assert.Equal(1f / 16777216f, RandomStream.OpenUnitFloat(0));
        Assert.Equal(1f - 1f / 16777216f, RandomStream.OpenUnitFloat(uint.MaxValue));
        Assert.Equal(1.0 / 9007199254740992.0, RandomStream.OpenUnitDouble(0, 0));
        Assert.Equal(1.0 - 1.0 / 9007199254740992.0, RandomStream.OpenUnitDouble(uint.MaxValue, uint.MaxValue));
    }

    [Fact]
    public void BoxMullerOfTheSmallestOpenUniformIsTheLargestNormal()
    {
        // Words all zero: u°₁ = 2^-24, u₂ = 0, θ = 0, so the cosine slot is √(−2 ln 2^-24) = √(48 ln 2) and the sine slot 0.
        var zeros = new Philox4x32.Block(0, 0, 0, 0);
        Assert.Equal(Math.Sqrt(48 * Math.Log(2)), RandomStream.StandardNormal<float>(zeros, 0), 5);
        Assert.Equal(0f, RandomStream.StandardNormal<float>(zeros, 1));
        Assert.Equal(Math.Sqrt(106 * Math.Log(2)), RandomStream.StandardNormal<double>(zeros, 0), 12); // u°₁ = 2^-53
    }
}

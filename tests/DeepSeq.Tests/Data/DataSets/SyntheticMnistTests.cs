using DeepSeq.Data.DataSets;
using Xunit;

namespace DeepSeq.Tests.Data.DataSets;

/// <summary>
/// <see cref="SyntheticMnist"/>: deterministic by seed, and shaped like MNIST (28×28 bytes, labels 0–9, mostly
/// background with some ink and empty corners).
/// </summary>
public sealed class SyntheticMnistTests
{
    [Fact]
    public void SyntheticMnistIsDeterministicAndShapedLikeMnist()
    {
        var digits = SyntheticMnist.Generate(50, seed: 3);

        Assert.Equal(50 * 28 * 28, digits.Pixels.Length);
        Assert.Equal(digits.Pixels, SyntheticMnist.Generate(50, seed: 3).Pixels);
        Assert.NotEqual(digits.Pixels, SyntheticMnist.Generate(50, seed: 4).Pixels);
        Assert.All(digits.Labels, l => Assert.InRange(l, 0, 9));
        for (int n = 0; n < digits.Count; n++)
        {
            // Like MNIST: mostly background, some ink, and the corners empty.
            var image = digits.Pixels.AsSpan(n * 784, 784).ToArray();
            int inked = image.Count(p => p > 128);
            Assert.InRange(inked, 20, 400);
            Assert.Equal(0, image[0]);
        }
    }
}

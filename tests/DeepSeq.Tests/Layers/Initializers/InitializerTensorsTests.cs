using Xunit;

namespace DeepSeq.Tests.Layers.Initializers;
using Initializers = DeepSeq.Layers.Initializers; // the class, not this test namespace
using Tensor = DeepSeq.Tensor;

public sealed class InitializerTensorsTests
{
    [Fact]
    public void InitializeIsTheNamedFillOfAFreshArrayInTheTensorsShape()
    {
        var expected = new float[4 * 6];
        Initializers.HeNormal<float>(expected, [4, 6], new Generator(13));
        var w = Tensor.Initialize<float>(new Shape(4, 6), "he_normal", new Generator(13));
        Assert.Equal([4, 6], w.Shape.Dims.ToArray());
        Assert.Equal(expected, w.ToArray());
    }

    [Fact]
    public void InitializeRefusesAnUnknownName()
    {
        var e = Assert.Throws<ArgumentException>(
            () => Tensor.Initialize<double>(new Shape(2), "xavier", new Generator(1)));
        Assert.Contains("unknown initializer 'xavier'", e.Message);
    }
}

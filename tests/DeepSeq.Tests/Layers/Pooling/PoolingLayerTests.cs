using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Pooling;

/// <summary>
/// The pooling layers: Keras's defaults (pool 2, strides = pool), output sizes for valid and same padding, values on
/// a hand-made input, global pooling's shapes, and the errors.
/// </summary>
public sealed class PoolingLayerTests
{
    [Theory]
    [InlineData(7, 2, null, "valid", 3)]
    [InlineData(7, 2, null, "same", 4)]
    [InlineData(7, 3, 1, "valid", 5)]
    [InlineData(7, 2, 3, "same", 3)]
    public void OutputLengthsAreKeras(int length, int pool, int? strides, string padding, int expected)
    {
        var y = new MaxPooling1D(pool, strides, padding).Call(new Input([length, 3]));
        Assert.Equal(new SymbolicShape(null, expected, 3), y.Shape);
        var eager = new AveragePooling1D(pool, strides, padding)
            .Call(new Variable<float>(DeepSeq.Tensor.Zeros<float>([2, length, 3])));
        Assert.Equal([2, expected, 3], eager.Shape.ToArray());
    }

    [Fact]
    public void MaxAndAveragePool2DOnAHandMadeImage()
    {
        // 4 × 4, one channel, values 0…15 row-major; 2 × 2 windows.
        var x = new Variable<double>(DeepSeq.Tensor.FromArray<double>(
            Enumerable.Range(0, 16).Select(i => (double)i).ToArray(), [1, 4, 4, 1]));
        Assert.Equal([5.0, 7, 13, 15], new MaxPooling2D().Call(x).Data.ToArray());
        Assert.Equal([2.5, 4.5, 10.5, 12.5], new AveragePooling2D().Call(x).Data.ToArray());
    }

    [Fact]
    public void GlobalPoolingGivesBatchByChannels()
    {
        var x = new Variable<double>(DeepSeq.Tensor.FromArray<double>([1.0, 2, 3, 4, 5, 6], [1, 3, 2]));
        Assert.Equal([5.0, 6], new GlobalMaxPooling1D().Call(x).Data.ToArray());
        Assert.Equal([3.0, 4], new GlobalAveragePooling1D().Call(x).Data.ToArray());
        Assert.Equal(new SymbolicShape(null, 8), new GlobalAveragePooling2D().Call(new Input([5, 5, 8])).Shape);
        Assert.Equal(new SymbolicShape(null, 1, 1, 8),
            new GlobalMaxPooling2D(keepDims: true).Call(new Input([5, 5, 8])).Shape);
    }

    [Fact]
    public void DefaultNamesAreKeras()
    {
        Assert.StartsWith("max_pooling2d", new MaxPooling2D().Name);
        Assert.StartsWith("global_average_pooling1d", new GlobalAveragePooling1D().Name);
    }

    [Fact]
    public void APoolLargerThanAValidInputNamesTheLayer()
    {
        var e = Assert.Throws<ArgumentException>(() => new MaxPooling2D((3, 3), name: "p").Call(new Input([2, 5, 1])));
        Assert.Contains("p:", e.Message);
        Assert.Contains("larger than the input", e.Message);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new MaxPooling1D(0));
        Assert.Throws<ArgumentException>(() => new AveragePooling2D((2, 2), (0, 1)));
        Assert.Throws<ArgumentException>(() => new MaxPooling2D(padding: "causal"));
        Assert.Throws<ArgumentException>(() => new GlobalMaxPooling2D().Call(new Input([5, 5])));
    }
}

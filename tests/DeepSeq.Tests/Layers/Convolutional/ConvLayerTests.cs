using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Convolutional;

/// <summary>
/// What Conv1D and Conv2D share: Keras's output lengths for every padding, stride and dilation, TensorFlow's split of
/// "same" padding, and the errors that name the layer and the shapes.
/// </summary>
public sealed class ConvLayerTests
{
    [Theory]
    // length, kernel, stride, dilation, padding → Keras's conv_output_length
    [InlineData(10, 3, 1, 1, "valid", 8)]
    [InlineData(10, 3, 3, 1, "valid", 3)]
    [InlineData(10, 3, 1, 2, "valid", 6)]
    [InlineData(10, 4, 3, 1, "same", 4)]
    [InlineData(10, 3, 5, 1, "same", 2)]
    [InlineData(10, 3, 1, 3, "causal", 10)]
    [InlineData(10, 2, 4, 1, "causal", 3)]
    [InlineData(7, 2, 7, 1, "valid", 1)]   // a stride larger than the kernel
    public void OutputLengthsAreKeras(int length, int kernel, int stride, int dilation, string padding, int expected)
    {
        var symbolic = new Conv1D(1, kernel, stride, padding, dilation).Call(new Input([length, 2]));
        Assert.Equal(new SymbolicShape(null, expected, 1), symbolic.Shape);
        var eager = new Conv1D(1, kernel, stride, padding, dilation)
            .Call(new Variable<float>(DeepSeq.Tensor.Zeros<float>([3, length, 2])));
        Assert.Equal([3, expected, 1], eager.Shape.ToArray());
    }

    [Theory]
    [InlineData(5, 3, 1, 1, 1, 1)]   // same, stride 1: (k − 1) / 2 each side
    [InlineData(5, 4, 1, 1, 1, 2)]   // an odd total: the larger half after (TensorFlow's rule)
    [InlineData(6, 3, 2, 1, 0, 1)]
    [InlineData(5, 3, 1, 2, 2, 2)]   // dilation 2 widens the span to 5
    public void SamePaddingSplitsAsTensorFlow(int length, int window, int stride, int dilation, int before, int after)
        => Assert.Equal((before, after), WindowSpec.Same(length, window, stride, dilation));

    [Fact]
    public void AKernelLargerThanAValidPaddedInputNamesTheLayerAndShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv2D(4, (5, 5), name: "c").Call(new Input([4, 8, 3])));
        Assert.Contains("c:", e.Message);
        Assert.Contains("larger than the input", e.Message);
        Assert.Contains("(None, 4, 8, 3)", e.Message.Replace("null", "None"));
    }

    [Fact]
    public void AWrongRankIsRefusedWithTheExpectedLayout()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv1D(4, 3, name: "c1").Call(new Input([10])));
        Assert.Contains("c1", e.Message);
        Assert.Contains("rank 3 (batch, steps, channels)", e.Message);
    }

    [Fact]
    public void ChannelsOtherThanTheBuiltOnesAreRefused()
    {
        var layer = new Conv2D(2, 3, name: "c2");
        layer.Call(new Variable<float>(DeepSeq.Tensor.Zeros<float>([1, 5, 5, 3])));
        var e = Assert.Throws<ArgumentException>(() =>
            layer.Call(new Variable<float>(DeepSeq.Tensor.Zeros<float>([1, 5, 5, 4]))));
        Assert.Contains("c2", e.Message);
    }

    [Theory]
    [InlineData("full")]
    [InlineData("causal")]   // 1-d only
    public void UnknownPaddingsAreRefused(string padding) =>
        Assert.Throws<ArgumentException>(() => new Conv2D(2, 3, padding: padding));

    [Fact]
    public void NonPositiveSizesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new Conv1D(0, 3));
        Assert.Throws<ArgumentException>(() => new Conv1D(2, 0));
        Assert.Throws<ArgumentException>(() => new Conv1D(2, 3, strides: 0));
        Assert.Throws<ArgumentException>(() => new Conv2D(2, (3, 3), dilationRate: (1, 0)));
    }
}

using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Convolutional;

/// <summary>
/// Conv2D at the sizes of the course: experiment D1's parameter table printed by Summary() and the MNIST network of
/// D3 (130,890 parameters); the kernel layout Keras stores; the square-kernel shorthand.
/// </summary>
public sealed class Conv2DTests
{
    [Fact]
    public void D1ParameterTableMatchesKeras()
    {
        Session.SetRandomSeed(11);
        var model = new Sequential(new InputLayer([30, 30, 3]),
            new Conv2D(64, (7, 7)), new MaxPooling2D((2, 2), strides: (1, 1)),
            new Conv2D(128, (5, 5)), new MaxPooling2D((2, 2), strides: (1, 1)),
            new Conv2D(256, (3, 3)), new MaxPooling2D((2, 2), strides: (1, 1)),
            new Flatten(), new Dense(128));
        Assert.Equal([9_472L, 0, 204_928, 0, 295_168, 0, 0, 7_372_928], model.Layers.Select(l => l.CountParams()));
        Assert.Equal(7_882_496, model.CountParams());
        Assert.Equal(new SymbolicShape(null, 24, 24, 64), model.Layers[0].OutputShapes![0]);
        Assert.Equal(new SymbolicShape(null, 23, 23, 64), model.Layers[1].OutputShapes![0]);
        Assert.Equal(new SymbolicShape(null, 16, 16, 256), model.Layers[4].OutputShapes![0]);
        Assert.Equal(new SymbolicShape(null, 57_600), model.Layers[6].OutputShapes![0]);
        string summary = model.Summary(TextWriter.Null);
        Assert.Contains("Total params: 7,882,496", summary);
        Assert.Matches(@"conv2d_\d+ \(Conv2D\) +\(None, 16, 16, 256\) +295168", summary);   // per layer: bare
    }

    [Fact]
    public void D3MnistNetworkHas130890Parameters()
    {
        Session.SetRandomSeed(12);
        var model = new Sequential(new InputLayer([28, 28, 1]),
            new Conv2D(32, 3, padding: "same", activation: "relu"), new MaxPooling2D(),
            new Conv2D(64, 3, padding: "same", activation: "relu"), new MaxPooling2D(),
            new Conv2D(64, 3, padding: "same", activation: "relu"), new MaxPooling2D(),
            new Flatten(), new Dense(128, "relu"), new Dense(10, "softmax"));
        Assert.Equal(130_890, model.CountParams());
        Assert.Equal(new SymbolicShape(null, 3, 3, 64), model.Layers[5].OutputShapes![0]);   // 7 // 2 = 3, as Keras
    }

    [Fact]
    public void KernelHasKerasLayoutHeightWidthInOut()
    {
        var layer = new Conv2D(4, (2, 3));
        layer.Call(new Variable<float>(DeepSeq.Tensor.Zeros<float>([1, 5, 5, 3])));
        Assert.Equal([2, 3, 3, 4], layer.Kernel!.Shape);
        Assert.Equal([4], layer.Bias!.Shape);
    }

    [Fact]
    public void IntKernelSizeIsSquare()
    {
        var layer = new Conv2D(8, 5);
        Assert.Equal((5, 5), layer.KernelSize);
        Assert.Equal((1, 1), layer.Strides);
    }
}

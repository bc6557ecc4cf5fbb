using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Core.CoreTestKit;

namespace DeepSeq.Tests.Layers;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// What every layer inherits from <see cref="Layer"/>: names unique per session, the refusal of another feature
/// size or dtype once built, and masks passed on by the layers that support them and refused by those that do not.
/// </summary>
public sealed class LayerTests
{
    [Fact]
    public void Layer_names_are_unique_per_session_and_restart_with_it()
    {
        Session.SetRandomSeed(16);
        Assert.Equal(["dense", "dense_1", "dropout", "dense_2"], new Layer[] { new Dense(1), new Dense(1), new Dropout(0.1), new Dense(1) }.Select(l => l.Name));
        Session.SetRandomSeed(16);
        Assert.Equal("dense", new Dense(1).Name);
        Assert.Throws<ArgumentException>(() => new Dense(1, name: "a/b"));
    }

    [Fact]
    public void A_built_layer_refuses_another_feature_size_or_dtype()
    {
        Session.SetRandomSeed(15);
        var dense = new Dense(2);
        dense.Call(Batch(new double[,] { { 1, 2, 3 } }));
        var e = Assert.Throws<ArgumentException>(() => dense.Call(Batch(new double[,] { { 1, 2 } })));
        Assert.Contains("(None, 3)", e.Message);
        Assert.Contains("(None, 2)", e.Message);
        var d = Assert.Throws<ArgumentException>(() => dense.Call(new Variable<float>(Tensor.FromArray<float>(new float[,] { { 1, 2, 3 } }))));
        Assert.Contains("float64", d.Message);
    }

    [Fact]
    public void A_mask_reaching_flatten_is_refused_clearly()
    {
        Session.SetRandomSeed(12);
        var model = new Sequential(new InputLayer([4]), new Embedding(10, 3, maskZero: true), new Flatten(), new Dense(1));
        var e = Assert.Throws<NotSupportedException>(() => model.Predict(Tensor.FromArray<float>(new float[,] { { 1, 2, 0, 0 } })));
        Assert.Contains("flatten", e.Message);
        Assert.Contains("mask", e.Message);
    }

    [Fact]
    public void A_mask_passes_through_layers_that_support_it()
    {
        Session.SetRandomSeed(13);
        var model = new Sequential(new InputLayer([4]), new Embedding(10, 3, maskZero: true), new Dropout(0.5), new Dense(2, "relu"), new Activation("tanh"));
        Assert.Equal([1, 4, 2], model.Predict(Tensor.FromArray<float>(new float[,] { { 1, 2, 0, 0 } })).Shape.ToArray());
    }
}

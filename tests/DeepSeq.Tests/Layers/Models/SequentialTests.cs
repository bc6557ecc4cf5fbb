using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Models;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Sequential: layers added one at a time build the same weights as layers listed in the constructor, and a small
/// model learns XOR end to end.
/// </summary>
public class SequentialTests
{
    [Fact]
    public void Xor_is_learned()
    {
        Session.SetRandomSeed(3);
        var x = Tensor.FromArray<float>(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = Tensor.FromArray<float>(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        var model = new Sequential(new Dense(8, "tanh"), new Dense(1, "sigmoid"));
        model.Compile(new Adam(0.05), "binary_crossentropy", ["acc"]);
        var history = model.Fit(x, y, batchSize: 4, epochs: 300, verbose: 0);
        Assert.Equal(1.0, history["acc"][^1]);
        Assert.True(history["loss"][^1] < 0.1, $"final loss {history["loss"][^1]}");
        var p = model.Predict(x).ToArray();
        Assert.True(p[0] < 0.5 && p[1] > 0.5 && p[2] > 0.5 && p[3] < 0.5, string.Join(", ", p));
    }

    [Fact]
    public void Add_builds_the_same_weights_as_the_constructor()
    {
        Session.SetRandomSeed(5);
        var listed = new Sequential(new InputLayer([3]), new Dense(4), new Dense(2));
        Session.SetRandomSeed(5);
        var added = new Sequential(new InputLayer([3]));
        added.Add(new Dense(4));
        added.Add(new Dense(2));
        Assert.Equal(listed.GetWeights<float>().Select(w => w.ToArray()), added.GetWeights<float>().Select(w => w.ToArray()));
    }
}

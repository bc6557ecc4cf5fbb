using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Models;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// What a functional <see cref="Model"/> refuses when it is built: a graph disconnected from its inputs, inputs
/// that are not <see cref="Input"/>s, and two layers of one name.
/// </summary>
public sealed class ModelTests
{
    [Fact]
    public void A_graph_that_needs_an_input_it_was_not_given_is_disconnected()
    {
        Session.SetRandomSeed(1);
        var a = new Input(2);
        var b = new Input(2);
        var sum = new Add().Call([new Dense(2).Call(a), b])[0];
        var e = Assert.Throws<ArgumentException>(() => new Model(a, sum));
        Assert.Contains("disconnected", e.Message);
        Assert.Contains(b.Name, e.Message);
    }

    [Fact]
    public void Model_inputs_must_be_inputs()
    {
        Session.SetRandomSeed(2);
        var a = new Input(2);
        var h = new Dense(2).Call(a);
        var e = Assert.Throws<ArgumentException>(() => new Model(h, new Dense(1).Call(h)));
        Assert.Contains("new Input", e.Message);
    }

    [Fact]
    public void Two_layers_of_one_name_are_refused_when_the_model_is_built()
    {
        Session.SetRandomSeed(15);
        var e = Assert.Throws<ArgumentException>(() => new Sequential(new InputLayer([4]), new Dense(3, name: "same"), new Dense(1, name: "same")));
        Assert.Contains("2 layers are named 'same'", e.Message);
    }
}

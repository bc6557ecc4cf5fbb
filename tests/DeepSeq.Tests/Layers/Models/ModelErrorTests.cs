using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Models;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>Models refuse what cannot work with a message that names the model, the operation and the shapes.</summary>
public sealed class ModelErrorTests
{
    private static readonly Tensor<float> X = Tensor.FromArray<float>(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
    private static readonly Tensor<float> Y = Tensor.FromArray<float>(new float[,] { { 1 }, { 0 }, { 1 } });

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
    public void Fit_evaluate_before_compile_say_compile_first()
    {
        Session.SetRandomSeed(3);
        var model = new Sequential(new InputLayer([2]), new Dense(1));
        Assert.Contains("compile", Assert.Throws<InvalidOperationException>(() => model.Fit(X, Y, verbose: 0)).Message);
        Assert.Contains("compile", Assert.Throws<InvalidOperationException>(() => model.Evaluate(X, Y)).Message);
        Assert.Equal([3, 1], model.Predict(X).Shape.ToArray());   // predicting needs no compile, as in Keras
    }

    [Fact]
    public void Fit_with_different_sample_counts_names_both_shapes()
    {
        Session.SetRandomSeed(4);
        var model = new Sequential(new InputLayer([2]), new Dense(1));
        model.Compile("sgd", "mse");
        var e = Assert.Throws<ArgumentException>(() => model.Fit(X, Tensor.FromArray<float>(new float[,] { { 1 }, { 0 } }), verbose: 0));
        Assert.Contains("(3,2)", e.Message);
        Assert.Contains("(2,1)", e.Message);
    }

    [Fact]
    public void Fit_with_the_wrong_number_of_input_tensors_names_the_inputs()
    {
        Session.SetRandomSeed(5);
        var model = new Sequential(new InputLayer([2]), new Dense(1));
        model.Compile("sgd", "mse");
        var e = Assert.Throws<ArgumentException>(() => model.Fit(new TensorDataset<float>([X, X], [Y]), verbose: 0));
        Assert.Contains("2 input tensor(s)", e.Message);
    }

    [Fact]
    public void Data_of_the_wrong_feature_size_is_refused_with_both_shapes()
    {
        Session.SetRandomSeed(6);
        var model = new Sequential(new InputLayer([3]), new Dense(1));
        var e = Assert.Throws<ArgumentException>(() => model.Predict(X));
        Assert.Contains("(None, 3)", e.Message);
        Assert.Contains("(None, 2)", e.Message);
    }

    [Fact]
    public void Bad_fit_arguments_are_refused()
    {
        Session.SetRandomSeed(7);
        var model = new Sequential(new InputLayer([2]), new Dense(1));
        model.Compile(new Sgd(0.01), "mse");
        Assert.Throws<ArgumentException>(() => model.Fit(X, Y, batchSize: 0, verbose: 0));
        Assert.Throws<ArgumentException>(() => model.Fit(X, Y, epochs: -1, verbose: 0));
        Assert.Throws<ArgumentException>(() => model.Fit(X, Y, validationSplit: 1.5, verbose: 0));
        Assert.Throws<ArgumentException>(() => model.Compile("sgd", "no_such_loss"));
    }

    [Fact]
    public void A_loss_that_becomes_non_finite_stops_training_instead_of_writing_nan_weights()
    {
        Session.SetRandomSeed(8);
        var model = new Sequential(new InputLayer([2]), new Dense(1));
        model.Compile(new Sgd(0.01), "mse");
        var bad = Tensor.FromArray<float>(new float[,] { { float.NaN, 1 }, { 1, 1 }, { 1, 1 } });
        var before = model.Predict(X).ToArray();
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(bad, Y, verbose: 0));
        Assert.Contains("NaN", e.Message);
        Assert.Equal(before, model.Predict(X).ToArray());
    }
}

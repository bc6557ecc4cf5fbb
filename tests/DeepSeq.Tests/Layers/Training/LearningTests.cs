using DeepSeq.Autograd;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Training;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The whole training loop learns: small seeded problems a correct Fit solves in well under a second each, and
/// a broken gradient, optimizer step, shuffle or merge layer does not. Covers src/Layers/Models/Model.Training.cs
/// (Fit, Evaluate, Predict) with src/Layers/Core/{Dense,Dropout,Input}.cs, src/Layers/Merge/{Average,Concatenate}.cs,
/// src/Layers/Optimizers/{Adam,Sgd}.cs and the crossentropy and mean-squared-error losses.
/// </summary>
public sealed class LearningTests
{
    [Fact]
    public void Two_moons_are_separated_to_95_percent_on_held_out_points()
    {
        Session.SetRandomSeed(1);
        var (x, y) = TrainingData.TwoMoons(300, seed: 11);
        var (testX, testY) = TrainingData.TwoMoons(200, seed: 12);
        var model = new Sequential(new InputLayer([2]), new Dense(16, "relu"), new Dense(16, "relu"), new Dense(1, "sigmoid"));
        model.Compile(new Adam(0.02), "binary_crossentropy", ["acc"]);
        var history = model.Fit(x, y, batchSize: 32, epochs: 60, verbose: 0);
        double accuracy = TrainingData.Accuracy(model.Predict(testX), testY);
        Assert.True(accuracy >= 0.95, $"held-out accuracy {accuracy}; training accuracy {history["acc"][^1]}");
        Assert.True(history["loss"][^1] < history["loss"][0] / 3, $"loss {history["loss"][0]} → {history["loss"][^1]}");
        Assert.Equal(accuracy, model.Evaluate(testX, testY)["acc"], 6);
    }

    [Fact]
    public void A_linear_model_recovers_the_coefficients_of_a_plane()
    {
        Session.SetRandomSeed(2);
        var x = TrainingData.Uniform(64, 2, seed: 21);
        var y = TrainingData.Target(x, r => 3 * r[0] - 2 * r[1] + 0.5);
        var dense = new Dense(1);
        var model = new Sequential(new InputLayer([2]), dense);
        model.Compile(new Sgd(0.1), "mse");
        var history = model.Fit(x, y, batchSize: 16, epochs: 60, verbose: 0);
        Assert.True(history["loss"][^1] < 1e-6, $"final mse {history["loss"][^1]}");
        var w = dense.Kernel!.Variable<float>().Data.ToArray();
        Assert.Equal(3, w[0], 2);
        Assert.Equal(-2, w[1], 2);
        Assert.Equal(0.5, dense.Bias!.Variable<float>().Data.ToArray()[0], 2);
    }

    [Fact]
    public void A_small_network_fits_a_sine()
    {
        Session.SetRandomSeed(3);
        var x = TrainingData.Uniform(128, 1, seed: 31);
        var y = TrainingData.Target(x, r => Math.Sin(2 * r[0]));
        var model = new Sequential(new InputLayer([1]), new Dense(32, "tanh"), new Dense(1));
        model.Compile(new Adam(0.02), "mse", ["mae"]);
        var history = model.Fit(x, y, batchSize: 32, epochs: 150, verbose: 0);
        Assert.True(history["loss"][^1] < 0.005, $"final mse {history["loss"][^1]}, first {history["loss"][0]}");
        Assert.True(model.Evaluate(x, y)["loss"] < 0.005);
    }

    [Fact]
    public void An_ensemble_of_sub_models_averaged_trains_and_averages_their_predictions()
    {
        Session.SetRandomSeed(4);
        var (x, y) = TrainingData.TwoMoons(200, seed: 41);
        var members = Enumerable.Range(0, 3)
            .Select(_ => new Sequential(new InputLayer([2]), new Dense(12, "tanh"), new Dense(1, "sigmoid")))
            .ToArray();
        var input = new Input(2);
        var mean = new Average().Call(members.Select(m => m.Call(input)).ToArray())[0];
        var ensemble = new Model(input, mean);
        Assert.Equal(members.Sum(m => m.CountParams()), ensemble.CountParams());   // shared, not copied

        ensemble.Compile(new Adam(0.03), "binary_crossentropy", ["acc"]);
        var history = ensemble.Fit(x, y, batchSize: 32, epochs: 60, verbose: 0);
        Assert.True(history["acc"][^1] >= 0.9, $"ensemble accuracy {history["acc"][^1]}");

        var p = ensemble.Predict(x).ToArray();
        var parts = members.Select(m => m.Predict(x).ToArray()).ToArray();   // each member trained in place
        for (int i = 0; i < p.Length; i++)
            Assert.Equal((parts[0][i] + parts[1][i] + parts[2][i]) / 3, p[i], 5);
        Assert.True(parts.All(q => TrainingData.Accuracy(Tensor.FromArray<float>(q, [q.Length, 1]), y) > 0.8), "every member learned");
    }

    [Fact]
    public void A_two_input_model_joined_by_concatenate_trains()
    {
        Session.SetRandomSeed(5);
        var (x, y) = TrainingData.TwoMoons(200, seed: 51);
        var first = x.Narrow(1, 0, 1);
        var second = x.Narrow(1, 1, 1);
        var a = new Input([1], name: "first");
        var b = new Input([1], name: "second");
        var ha = new Dense(8, "tanh").Call(a);
        var hb = new Dense(8, "tanh").Call(b);
        var joined = new Concatenate().Call([ha, hb])[0];
        var hidden = new Dense(16, "relu").Call(joined);
        var model = new Model([a, b], [new Dense(1, "sigmoid").Call(hidden)]);
        Assert.Equal(new SymbolicShape(null, 16), joined.Shape);
        model.Compile(new Adam(0.02), "binary_crossentropy", ["acc"]);
        var history = model.Fit(new TensorDataset<float>([first, second], [y]), batchSize: 32, epochs: 60, verbose: 0);
        Assert.True(history["acc"][^1] >= 0.95, $"accuracy {history["acc"][^1]}");
        Assert.Equal(history["acc"][^1], TrainingData.Accuracy(model.Predict([first, second])[0], y), 6);
    }

    [Fact]
    public void Dropout_makes_training_outputs_differ_from_inference_which_is_deterministic()
    {
        Session.SetRandomSeed(6);
        var model = new Sequential(new InputLayer([8]), new Dense(32, "relu"), new Dropout(0.5), new Dense(1));
        var x = TrainingData.Uniform(16, 8, seed: 61);
        var inference = model.Predict(x).ToArray();
        Assert.Equal(inference, model.Predict(x).ToArray());
        Assert.Equal(inference, model.Call(new Variable<float>(x), training: false).Data.ToArray());
        var training = model.Call(new Variable<float>(x), training: true).Data.ToArray();
        Assert.NotEqual(inference, training);
        Assert.NotEqual(training, model.Call(new Variable<float>(x), training: true).Data.ToArray());   // a new mask each step
    }

    [Fact]
    public void A_frozen_layer_keeps_its_weights_while_the_rest_trains()
    {
        Session.SetRandomSeed(7);
        var frozen = new Dense(4, "tanh") { Trainable = false };
        var head = new Dense(1);
        var model = new Sequential(new InputLayer([2]), frozen, head);
        var x = TrainingData.Uniform(32, 2, seed: 71);
        var y = TrainingData.Target(x, r => r[0]);
        model.Compile(new Sgd(0.1), "mse");
        var kernel = frozen.Kernel!.Variable<float>().Data.ToArray();
        var headKernel = head.Kernel!.Variable<float>().Data.ToArray();
        model.Fit(x, y, batchSize: 8, epochs: 2, verbose: 0);
        Assert.Equal(kernel, frozen.Kernel.Variable<float>().Data.ToArray());
        Assert.NotEqual(headKernel, head.Kernel.Variable<float>().Data.ToArray());
    }
}

using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Tests.Layers.Training;
using Xunit;

namespace DeepSeq.Tests.Layers.Models;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Fit, Evaluate and Predict: they refuse what cannot work (no compile, mismatched sample counts, input counts or
/// feature sizes, bad arguments, a loss turning non-finite, empty data, data on another device) with a message naming
/// the shapes; Evaluate, run under <c>GradMode.NoGrad</c>, still reports the losses it reported when it recorded
/// graphs; and the plumbing works: batching, generators, validation steps, multi-output logs, frozen layers, and
/// callbacks ending training when a step fails.
/// </summary>
/// <remarks>
/// The crossentropies read a sigmoid's or softmax's logits from its output (<c>Variable.Logits</c>), not from the
/// graph. The pinned values were computed by Evaluate before that change (graph walking, no NoGrad), on the same seeds.
/// </remarks>
public sealed class ModelTrainingTests
{
    private static readonly Tensor<float> X = Tensor.FromArray<float>(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
    private static readonly Tensor<float> Y = Tensor.FromArray<float>(new float[,] { { 1 }, { 0 }, { 1 } });
    private static readonly float[] s_x = [0.5f, -1.25f, 2f, 0.75f, -0.5f, 1.5f, -2f, 0.25f, 1f, -0.75f, 0.125f, 3f];

    private static double EvaluateLoss(string activation, int units, string loss, float[] labels, int labelWidth)
    {
        Session.SetRandomSeed(7);
        var model = new Sequential(new InputLayer([3]), new Dense(5, "tanh"), new Dense(units, activation));
        model.Compile("rmsprop", loss);
        var x = Tensor.FromArray(s_x).Reshape(4, 3);
        var y = Tensor.FromArray(labels).Reshape(4, labelWidth);
        return model.Evaluate(x, y, batchSize: 3)["loss"];
    }

    private static Sequential SmallModel(ulong seed)
    {
        Session.SetRandomSeed(seed);
        var model = new Sequential(new InputLayer([2]), new Dense(4, "tanh"), new Dense(1, "sigmoid"));
        model.Compile(new Sgd(0.1), "binary_crossentropy", ["acc"]);
        return model;
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

    [Fact]
    public void Binary_crossentropy_after_a_sigmoid_keeps_its_value()
        => Assert.Equal(1.3593072593, EvaluateLoss("sigmoid", 1, "binary_crossentropy", [1, 0, 0, 1], 1), 6);

    [Fact]
    public void Categorical_crossentropy_after_a_softmax_keeps_its_value()
        => Assert.Equal(0.7432611734,
            EvaluateLoss("softmax", 3, "categorical_crossentropy", [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0], 3), 6);

    [Fact]
    public void Sparse_categorical_crossentropy_after_a_softmax_keeps_its_value()
        => Assert.Equal(1.8546739519, EvaluateLoss("softmax", 3, "sparse_categorical_crossentropy", [0, 2, 1, 1], 1), 6);

    /// <summary>
    /// A confident wrong answer, σ(40) for a label 0: from the logit the loss is 40 (log(1 + e⁴⁰) in float32);
    /// the clipped probability form would give 15.94 (−log 1e−7). Evaluate must use the logit under NoGrad too.
    /// </summary>
    [Fact]
    public void A_confident_wrong_sigmoid_is_scored_from_its_logit()
    {
        Session.SetRandomSeed(3);
        var model = new Sequential(new InputLayer([1]), new Dense(1, "sigmoid"));
        model.Compile("sgd", "binary_crossentropy");
        model.Predict(Tensor.FromArray<float>(new[,] { { 1f } }));   // builds the weights
        model.SetWeights([Tensor.FromArray<float>(new[,] { { 40f } }), Tensor.FromArray(new[] { 0f })]);
        var loss = model.Evaluate(Tensor.FromArray<float>(new[,] { { 1f } }), Tensor.FromArray<float>(new[,] { { 0f } }))["loss"];
        Assert.Equal(40.0, loss, 4);
    }

    [Fact]
    public void A_generator_runs_on_across_epochs_and_validation_takes_its_steps()
    {
        var (x, y) = TrainingData.TwoMoons(40, seed: 1);
        var model = SmallModel(1);
        int drawn = 0;
        IEnumerable<TensorDataset<float>> Batches()
        {
            for (int i = 0; ; i = (i + 10) % 40)
            {
                drawn++;
                yield return new TensorDataset<float>(x.Narrow(0, i, 10), y.Narrow(0, i, 10));
            }
        }
        int validationDrawn = 0;
        IEnumerable<TensorDataset<float>> Validation()
        {
            for (int i = 0; i < 4; i++)
            {
                validationDrawn++;
                yield return new TensorDataset<float>(x.Narrow(0, 10 * i, 10), y.Narrow(0, 10 * i, 10));
            }
        }

        var history = model.Fit(Batches(), stepsPerEpoch: 3, epochs: 2, validationData: Validation(), validationSteps: 2, verbose: 0);

        Assert.Equal(6, drawn);               // one enumerator, 3 steps per epoch, 2 epochs
        Assert.Equal(4, validationDrawn);     // 2 validation steps, restarted each epoch
        Assert.Equal(["loss", "acc", "val_loss", "val_acc"], history.Keys);
        Assert.Equal(6, model.Optimizer!.Iterations);
    }

    [Fact]
    public void A_generator_that_runs_out_is_reported()
    {
        var (x, y) = TrainingData.TwoMoons(20, seed: 2);
        var model = SmallModel(2);
        var ex = Assert.Throws<InvalidOperationException>(() =>
            model.Fit([new TensorDataset<float>(x, y)], stepsPerEpoch: 2, epochs: 1, verbose: 0));
        Assert.Contains("ran out after 1 of 2 steps", ex.Message);
    }

    [Fact]
    public void Evaluate_is_the_sample_mean_whatever_the_batch_size()
    {
        var (x, y) = TrainingData.TwoMoons(37, seed: 3);
        var model = SmallModel(3);
        var whole = model.Evaluate(x, y, batchSize: 37);
        var batched = model.Evaluate(x, y, batchSize: 5);
        Assert.Equal(whole["loss"], batched["loss"], 5);
        Assert.Equal(whole["acc"], batched["acc"], 12);
    }

    [Fact]
    public void Predict_in_batches_equals_one_batch()
    {
        var (x, _) = TrainingData.TwoMoons(23, seed: 4);
        var model = SmallModel(4);
        Assert.Equal(model.Predict(x, batchSize: 23).ToArray(), model.Predict(x, batchSize: 4).ToArray());
    }

    [Fact]
    public void A_model_with_two_outputs_logs_each_outputs_loss_and_metrics_by_name()
    {
        Session.SetRandomSeed(5);
        var input = new Input(2);
        var hidden = new Dense(4, "tanh").Call(input);
        var first = new Dense(1, "sigmoid", name: "first").Call(hidden);
        var second = new Dense(1, "sigmoid", name: "second").Call(hidden);
        var model = new Model([input], [first, second]);
        model.Compile(new Sgd(0.1), [new DeepSeq.Layers.Losses.BinaryCrossentropy(), new DeepSeq.Layers.Losses.MeanSquaredError()], ["acc"]);
        var (x, y) = TrainingData.TwoMoons(16, seed: 5);

        var history = model.Fit(new TensorDataset<float>([x], [y, y]), batchSize: 8, epochs: 1, verbose: 0);

        Assert.Equal(["loss", "first_loss", "second_loss", "first_acc", "second_acc"], history.Keys);
        Assert.Equal(history["first_loss"][0] + history["second_loss"][0], history["loss"][0], 6);
    }

    [Fact]
    public void A_frozen_layer_keeps_no_gradient_between_steps()
    {
        var model = SmallModel(6);
        var frozen = model.Layers[0];
        frozen.Trainable = false;
        var (x, y) = TrainingData.TwoMoons(16, seed: 6);
        var before = frozen.GetWeights<float>().Select(w => w.ToArray()).ToArray();

        model.Fit(x, y, batchSize: 4, epochs: 2, verbose: 0);

        Assert.All(frozen.Weights, w => Assert.Null(w.Variable<float>().Grad));   // nothing piles up for an unfreeze
        Assert.Equal(before, frozen.GetWeights<float>().Select(w => w.ToArray()).ToArray());
    }

    [Fact]
    public void Empty_data_is_refused_rather_than_reported_as_loss_zero()
    {
        var model = SmallModel(7);
        var (x, y) = TrainingData.TwoMoons(8, seed: 7);
        var none = (X: x.Narrow(0, 0, 0), Y: y.Narrow(0, 0, 0));
        Assert.Contains("no samples", Assert.Throws<ArgumentException>(() => model.Fit(none.X, none.Y, verbose: 0)).Message);
        Assert.Contains("no samples", Assert.Throws<ArgumentException>(() => model.Evaluate(none.X, none.Y)).Message);
        Assert.Contains("no samples", Assert.Throws<ArgumentException>(() => model.Predict(none.X)).Message);
    }

    [Fact]
    public void Data_on_another_device_than_the_weights_is_named_in_the_error()
    {
        var model = SmallModel(8);
        var (x, _) = TrainingData.TwoMoons(4, seed: 8);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(x.To(DeepSeq.Devices.IlgpuDevice.CpuSimulator)));
        Assert.Contains("weights live on cpu", e.Message);
    }

    [Fact]
    public void Callbacks_end_training_even_when_a_step_fails()
    {
        var model = SmallModel(9);
        var (x, y) = TrainingData.TwoMoons(8, seed: 9);
        bool ended = false;
        var poisoned = Tensor.Full<float>([8, 1], float.NaN);   // a NaN target makes the loss NaN
        Assert.Throws<InvalidOperationException>(() =>
            model.Fit(x, poisoned, batchSize: 8, epochs: 1, verbose: 0, callbacks: [new LambdaCallback(onTrainEnd: () => ended = true)]));
        Assert.True(ended);
    }
}

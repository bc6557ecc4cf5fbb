using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Training;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>The plumbing of Fit/Evaluate/Predict: batching, generators, validation splits, multi-output logs.</summary>
public class TrainingLoopTests
{
    private static Sequential SmallModel(ulong seed)
    {
        Session.SetRandomSeed(seed);
        var model = new Sequential(new InputLayer([2]), new Dense(4, "tanh"), new Dense(1, "sigmoid"));
        model.Compile(new Sgd(0.1), "binary_crossentropy", ["acc"]);
        return model;
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
    public void Validation_split_holds_out_the_last_samples_before_shuffling()
    {
        var x = Tensor.Arange<float>(10).Reshape(10, 1);
        var (train, validation) = new TensorDataset<float>(x, x).SplitLast(0.25);
        Assert.Equal([0f, 1, 2, 3, 4, 5, 6], train.X[0].ToArray());   // Keras splits at ⌊10 · (1 − 0.25)⌋ = 7
        Assert.Equal([7f, 8, 9], validation.X[0].ToArray());
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

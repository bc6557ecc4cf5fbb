using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Training;

/// <summary>
/// History as Fit fills it: epochs counted from zero, each key's value per epoch (here the validation split's, taken
/// from the last samples), and a missing key refused.
/// </summary>
public sealed class HistoryTests
{
    [Fact]
    public void History_counts_epochs_from_zero_and_validation_uses_the_last_samples()
    {
        Session.SetRandomSeed(7);
        var x = TrainingData.Uniform(10, 1, seed: 71);
        var y = TrainingData.Target(x, r => r[0]);
        var model = new Sequential(new InputLayer([1]), new Dense(1, useBias: false, kernelInitializer: "zeros"));
        model.Compile(new Sgd(0), "mse");   // rate 0: the model stays y = 0, so each loss is a plain mean of y²
        var history = model.Fit(x, y, epochs: 3, validationSplit: 0.2, verbose: 0);
        Assert.Equal([0, 1, 2], history.Epochs);
        var ys = y.ToArray();
        double train = ys[..8].Average(v => (double)v * v), validation = ys[8..].Average(v => (double)v * v);
        Assert.All(history["loss"], v => Assert.Equal(train, v, 5));
        Assert.All(history["val_loss"], v => Assert.Equal(validation, v, 5));
        Assert.Throws<KeyNotFoundException>(() => history["val_acc"]);
    }
}

using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Training;

/// <summary>ProgressBar at verbose 2: one "Epoch i/n" line and one Keras-formatted line per epoch, no bar.</summary>
public sealed class ProgressBarTests
{
    [Fact]
    public void Verbose_2_writes_one_keras_line_per_epoch()
    {
        Session.SetRandomSeed(8);
        var x = TrainingData.Uniform(8, 1, seed: 81);
        var model = new Sequential(new InputLayer([1]), new Dense(1));
        model.Compile(new Sgd(0.01), "mse");
        var output = new StringWriter();
        model.ProgressOutput = output;
        model.Fit(x, x, batchSize: 4, epochs: 2, verbose: 2);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("Epoch 1/2", lines[0]);
        Assert.Matches(@" - loss: \d\.\d{4}$", lines[1]);   // Keras prints 4 decimals; the timing part is the progress bar's own business
        Assert.DoesNotContain("[", lines[1]);                   // verbose 2: no bar
        Assert.Equal("Epoch 2/2", lines[2]);
    }
}

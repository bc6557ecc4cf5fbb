using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Callbacks.CallbackTestKit;

namespace DeepSeq.Tests.Layers.Callbacks;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// <see cref="TerminateOnNaN"/>: on by default in Fit, it stops at the first batch whose loss is not finite, and that
/// batch is never applied, so the weights are those of the last good step.
/// </summary>
public sealed class TerminateOnNaNTests
{
    /// <summary>The kit's data, with the targets of the second batch of two (rows 2 and 3) made NaN.</summary>
    private static readonly Tensor<float> PoisonedY = Tensor.FromArray<float>(new float[,] { { 1 }, { 0 }, { float.NaN }, { 0 } });

    private static History FitPoisoned(Model model, params Callback[] callbacks)
        => model.Fit(X, PoisonedY, batchSize: 2, epochs: 3, shuffle: false, callbacks: callbacks, verbose: 0);

    [Fact]
    public void IsOnByDefaultInFit()
    {
        var model = NewModel(11);
        var output = new StringWriter();
        model.ProgressOutput = output;
        var e = Assert.Throws<InvalidOperationException>(() => FitPoisoned(model));
        Assert.Contains("the training loss became NaN at step 1", e.Message);
        Assert.Contains("Batch 1: Invalid loss, terminating training", output.ToString());   // the callback's words
    }

    [Fact]
    public void ANonFiniteBatchIsNeverAppliedAndRaiseErrorFalseEndsFitQuietly()
    {
        var model = NewModel(12);
        model.ProgressOutput = TextWriter.Null;
        float[]? afterFirstBatch = null;
        var record = new LambdaCallback(onBatchEnd: (batch, _) => { if (batch == 0) afterFirstBatch = FloatWeights(model); });
        var terminate = new TerminateOnNaN(raiseError: false);

        FitPoisoned(model, record, terminate);

        Assert.Equal(1, terminate.StoppedAtBatch);
        Assert.Equal(1, model.Optimizer!.Iterations);   // only the first batch was applied
        Assert.Equal(afterFirstBatch, FloatWeights(model));
        Assert.True(FloatWeights(model).All(float.IsFinite));
    }
}

using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Callbacks.CallbackTestKit;

namespace DeepSeq.Tests.Layers.Callbacks;

/// <summary>
/// EarlyStopping against Keras's rule: an epoch improves when current + min_delta &lt; best (minimising; maximising
/// mirrored), the wait resets only on an improvement that also beats the baseline, and training stops after the
/// epoch where the wait reaches patience (never after the first epoch). The monitored values are scripted.
/// </summary>
public sealed class EarlyStoppingTests
{
    [Fact]
    public void Stops_after_patience_epochs_without_improvement()
    {
        var (history, rule) = Run("val_loss", [1.0, 0.8, 0.9, 0.85, 0.7, 0.6], new EarlyStopping(patience: 2));
        Assert.Equal([0, 1, 2, 3], history.Epochs);   // epochs 2 and 3 fail to beat 0.8
        Assert.Equal(3, rule.StoppedEpoch);
        Assert.Equal(1, rule.BestEpoch);
    }

    [Fact]
    public void Patience_zero_stops_at_the_first_non_improvement_but_never_after_epoch_zero()
    {
        var (history, rule) = Run("val_loss", [1.0, 0.9, 0.9, 0.5], new EarlyStopping());
        Assert.Equal(2, rule.StoppedEpoch);   // 0.9 is not < 0.9
        Assert.Equal(3, history.Epochs.Count);
    }

    [Fact]
    public void Runs_to_the_end_while_it_keeps_improving()
    {
        var (history, rule) = Run("val_loss", [1.0, 0.9, 0.8, 0.7], new EarlyStopping(patience: 1));
        Assert.Equal(4, history.Epochs.Count);
        Assert.Null(rule.StoppedEpoch);
        Assert.Equal(3, rule.BestEpoch);
    }

    [Fact]
    public void Min_delta_ignores_improvements_smaller_than_it()
    {
        double[] values = [1.0, 0.95, 0.92, 0.5];
        Assert.Equal(1, Run("val_loss", values, new EarlyStopping(minDelta: 0.1, patience: 1)).Rule.StoppedEpoch);
        Assert.Null(Run("val_loss", values, new EarlyStopping(minDelta: 0.01, patience: 1)).Rule.StoppedEpoch);
        Assert.Equal(0.1, new EarlyStopping(minDelta: -0.1).MinDelta);   // Keras uses the magnitude
    }

    [Fact]
    public void An_improving_epoch_never_stops_training_even_with_patience_zero()
    {
        // Keras 2.7–2.11 stopped here after epoch 1 (keras-team/keras#17305); Keras 3 and DeepSeq do not.
        var (history, rule) = Run("val_loss", [1.0, 0.9, 0.8, 0.7], new EarlyStopping());
        Assert.Null(rule.StoppedEpoch);
        Assert.Equal(4, history.Epochs.Count);
    }

    [Fact]
    public void A_baseline_not_beaten_keeps_the_wait_running()
    {
        // Values improve but stay above the baseline 0.5, so the wait grows 1, 2, 3: the first epoch that fails to
        // improve (epoch 2) stops training. Without a baseline the wait restarts at every improvement.
        double[] values = [0.9, 0.8, 0.85, 0.7];
        var (history, rule) = Run("val_loss", values, new EarlyStopping(patience: 2, baseline: 0.5));
        Assert.Equal(2, rule.StoppedEpoch);
        Assert.Equal(1, rule.BestEpoch);
        Assert.Equal(3, history.Epochs.Count);
        Assert.Null(Run("val_loss", values, new EarlyStopping(patience: 2)).Rule.StoppedEpoch);
        Assert.Null(Run("val_loss", [0.9, 0.4, 0.45, 0.3], new EarlyStopping(patience: 2, baseline: 0.5)).Rule.StoppedEpoch);
    }

    [Fact]
    public void Restore_best_weights_puts_back_the_weights_of_the_best_epoch()
    {
        var model = NewModel(2, learningRate: 0.5);
        var predictions = new List<float[]>();
        var record = new LambdaCallback(onEpochEnd: (_, _) => predictions.Add(model.Predict(X).ToArray()));
        var rule = new EarlyStopping(patience: 3, restoreBestWeights: true);
        Fit(model, 6, new ScriptedLogs("val_loss", 1.0, 0.9, 0.5, 0.8, 0.9, 0.95), record, rule);
        Assert.Equal(2, rule.BestEpoch);
        Assert.Equal(5, rule.StoppedEpoch);
        Assert.NotEqual(predictions[2], predictions[5]);   // training moved on after the best epoch
        Assert.Equal(predictions[2], model.Predict(X).ToArray());
    }

    [Fact]
    public void Without_restore_the_last_weights_stay()
    {
        var model = NewModel(2, learningRate: 0.5);
        var predictions = new List<float[]>();
        var record = new LambdaCallback(onEpochEnd: (_, _) => predictions.Add(model.Predict(X).ToArray()));
        Fit(model, 6, new ScriptedLogs("val_loss", 1.0, 0.9, 0.5, 0.8, 0.9, 0.95), record, new EarlyStopping(patience: 3));
        Assert.Equal(predictions[^1], model.Predict(X).ToArray());
    }

    [Fact]
    public void Stops_on_real_training_when_the_rate_is_zero()
    {
        // With a zero learning rate the loss never changes: the rule must stop after patience epochs.
        var model = NewModel(4, learningRate: 0);
        var rule = new EarlyStopping("loss", patience: 2);
        var history = Fit(model, 10, rule);
        Assert.Equal(2, rule.StoppedEpoch);
        Assert.Equal(3, history.Epochs.Count);
    }
}

using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Callbacks.CallbackTestKit;

namespace DeepSeq.Tests.Layers.Callbacks;

/// <summary>
/// LearningRateScheduler sets the optimizer's rate before each epoch and logs it as <c>lr</c>; a zero rate freezes the
/// weights, and a negative or NaN one is refused naming the epoch.
/// </summary>
public sealed class LearningRateSchedulerTests
{
    [Fact]
    public void Scheduler_sets_the_rate_before_each_epoch_and_logs_it()
    {
        var model = NewModel(3);
        var seen = new List<double>();
        var scheduler = new LearningRateScheduler((epoch, rate) => epoch == 0 ? 0.05 : rate * 2);
        var probe = new LambdaCallback(onEpochBegin: _ => seen.Add(model.Optimizer!.CurrentLearningRate));
        var history = Fit(model, 3, scheduler, probe);
        Assert.Equal([0.05, 0.1, 0.2], seen);
        Assert.Equal([0.05, 0.1, 0.2], history["lr"]);
    }

    [Fact]
    public void A_zero_rate_from_the_scheduler_freezes_the_weights()
    {
        var model = NewModel(4);
        var before = model.Predict(X).ToArray();
        Fit(model, 2, new LearningRateScheduler((_, _) => 0));
        Assert.Equal(before, model.Predict(X).ToArray());
        Fit(model, 1, new LearningRateScheduler((_, _) => 0.5));
        Assert.NotEqual(before, model.Predict(X).ToArray());
    }

    [Fact]
    public void A_negative_or_nan_rate_is_refused_naming_the_epoch()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Fit(NewModel(5), 3, new LearningRateScheduler((epoch, _) => epoch == 1 ? double.NaN : 0.1)));
        Assert.Contains("epoch 1", e.Message);
        Assert.Throws<InvalidOperationException>(() => Fit(NewModel(6), 1, new LearningRateScheduler((_, _) => -0.1)));
    }
}

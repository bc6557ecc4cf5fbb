using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Callbacks.CallbackTestKit;

namespace DeepSeq.Tests.Layers.Callbacks;

/// <summary>
/// LambdaCallback's hooks run in Keras's order — train, epoch and batch — and its train-end hook still runs after an
/// early stop.
/// </summary>
public sealed class LambdaCallbackTests
{
    [Fact]
    public void Lambda_callback_hooks_run_in_kerass_order()
    {
        var events = new List<string>();
        var callback = new LambdaCallback(
            onEpochBegin: e => events.Add($"epoch_begin {e}"),
            onEpochEnd: (e, logs) => events.Add($"epoch_end {e} [{string.Join(",", logs.Keys)}]"),
            onBatchEnd: (b, logs) => events.Add($"batch_end {b} [{string.Join(",", logs.Keys)}]"),
            onTrainBegin: () => events.Add("train_begin"),
            onTrainEnd: () => events.Add("train_end"));
        Fit(NewModel(1), 2, callback);   // 4 samples, batch 2: two steps per epoch
        Assert.Equal(
        [
            "train_begin",
            "epoch_begin 0", "batch_end 0 [loss,acc]", "batch_end 1 [loss,acc]", "epoch_end 0 [loss,acc,val_loss,val_acc]",
            "epoch_begin 1", "batch_end 0 [loss,acc]", "batch_end 1 [loss,acc]", "epoch_end 1 [loss,acc,val_loss,val_acc]",
            "train_end",
        ], events);
    }

    [Fact]
    public void Train_end_runs_after_an_early_stop()
    {
        var events = new List<string>();
        var model = NewModel(2);
        var stop = new LambdaCallback(onEpochEnd: (e, _) => { if (e == 1) model.StopTraining = true; }, onTrainEnd: () => events.Add("train_end"));
        var history = Fit(model, 5, stop);
        Assert.Equal(2, history.Epochs.Count);
        Assert.Equal(["train_end"], events);
    }
}

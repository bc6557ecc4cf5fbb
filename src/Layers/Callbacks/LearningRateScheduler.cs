namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>LearningRateScheduler(schedule)</c>: before each epoch sets the optimizer's learning rate to
/// <c>schedule(epoch, current rate)</c>, and logs it as <c>lr</c> (Keras 2's key; Keras 3 logs <c>learning_rate</c>).
/// </summary>
public sealed class LearningRateScheduler(Func<int, double, double> schedule) : Callback
{
    /// <inheritdoc/>
    public override void OnEpochBegin(int epoch)
    {
        var optimizer = TrainedModel.Optimizer ?? throw new InvalidOperationException(
            "learning-rate scheduler: the model is not compiled");
        double rate = schedule(epoch, optimizer.CurrentLearningRate);
        if (!(rate >= 0) || double.IsInfinity(rate))
            throw new InvalidOperationException(
                $"learning-rate scheduler: the schedule returned {rate} " +
                $"for epoch {epoch}; a rate must be finite and ≥ 0");
        optimizer.SetLearningRate(rate);
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        if (logs is IDictionary<string, double> writable) writable["lr"] = TrainedModel.Optimizer!.CurrentLearningRate;
    }
}

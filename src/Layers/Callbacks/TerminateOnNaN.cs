namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>keras.callbacks.TerminateOnNaN()</c>: stops training at the first batch whose loss is NaN or ±∞. On by
/// default in <c>Fit</c>: one is added unless the callback list already holds one.
/// </summary>
/// <remarks>
/// <para>Where DeepSeq differs from Keras: a batch with a non-finite loss is never applied (no backward pass, no
/// update), so the weights, and any checkpoint written from them, are those of the last good step. Keras applies
/// that batch's update first and so keeps NaN weights.</para>
/// <para>With <c>raiseError: true</c> (the default) <c>Fit</c> then ends with an
/// <see cref="InvalidOperationException"/> naming the model, the loss and the step, so the failure cannot be
/// missed; with <c>false</c> it ends normally, as Keras does, and the history's last epoch shows the NaN.</para>
/// </remarks>
/// <param name="raiseError">Whether stopping also throws (default <c>true</c>).</param>
public sealed class TerminateOnNaN(bool raiseError = true) : Callback
{
    /// <summary>Whether stopping also throws.</summary>
    public bool RaiseError { get; } = raiseError;

    /// <summary>The batch (within its epoch) at which training was stopped; null while it was not.</summary>
    public int? StoppedAtBatch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin() => StoppedAtBatch = null;

    /// <inheritdoc/>
    public override void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs)
    {
        if (!logs.TryGetValue("loss", out double loss) || double.IsFinite(loss)) return;
        var model = TrainedModel;
        StoppedAtBatch = batch;
        model.StopTraining = true;
        model.ProgressOutput.WriteLine($"Batch {batch}: Invalid loss, terminating training");
        if (RaiseError) throw model.NonFiniteLoss(loss, model.Optimizer?.Iterations ?? 0);
    }
}

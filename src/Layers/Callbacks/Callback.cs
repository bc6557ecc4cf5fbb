namespace DeepSeq.Layers;

/// <summary>
/// Hooks into <c>Fit</c> (Keras <c>keras.callbacks.Callback</c>). <c>logs</c> hold the epoch's values by History key
/// (<c>loss</c>, <c>acc</c>, <c>val_loss</c>, …). Set <see cref="Layers.Model.StopTraining"/> to end training after
/// the current epoch.
/// </summary>
public abstract class Callback
{
    /// <summary>The model being trained; set by <c>Fit</c> before <see cref="OnTrainBegin"/>.</summary>
    public Model? Model { get; internal set; }

    /// <summary>The model, which must be set by now.</summary>
    protected Model TrainedModel
        => Model ?? throw new InvalidOperationException($"{GetType().Name}: used outside Model.Fit");

    /// <summary>Before the first epoch.</summary>
    public virtual void OnTrainBegin() { }

    /// <summary>After the last epoch (also after an early stop).</summary>
    public virtual void OnTrainEnd() { }

    /// <summary>Before epoch <paramref name="epoch"/> (from 0).</summary>
    public virtual void OnEpochBegin(int epoch) { }

    /// <summary>After epoch <paramref name="epoch"/>, with its training and validation results.</summary>
    public virtual void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs) { }

    /// <summary>After training step <paramref name="batch"/> of the current epoch, with the running values.</summary>
    public virtual void OnBatchEnd(int batch, IReadOnlyDictionary<string, double> logs) { }
}

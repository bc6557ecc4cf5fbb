namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>EarlyStopping(monitor="val_loss", min_delta=0, patience=0, mode="auto", baseline=None,
/// restore_best_weights=False)</c>: stops training once <c>monitor</c> has not improved by more than
/// <c>min_delta</c> for <c>patience</c> epochs.
/// </summary>
/// <remarks>
/// <para>An epoch improves when current + min_delta &lt; best (minimising) or current − min_delta &gt; best
/// (maximising). An improving epoch never stops training; with a baseline, though, the wait is only reset once
/// the value also beats the baseline, so the first epoch that fails to improve after patience epochs above the
/// baseline stops it (Keras 3's rule).</para>
/// <para>With <c>restoreBestWeights</c>, the weights of the best epoch are put back when training ends, whether it
/// stopped early or ran all its epochs (Keras 3's behaviour; Keras 2 restored only on an early stop). Weights are
/// immutable tensors, so keeping the best ones costs no copy.</para>
/// </remarks>
public sealed class EarlyStopping : MonitorCallback
{
    private int _wait;
    private WeightSnapshot? _bestWeights;

    /// <summary>An early-stopping rule; arguments as in Keras.</summary>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, string mode = "auto",
        double? baseline = null, bool restoreBestWeights = false) : base("early stopping", monitor, mode)
    {
        if (patience < 0) throw new ArgumentException($"early stopping: patience must be ≥ 0, got {patience}");
        if (!double.IsFinite(minDelta))
            throw new ArgumentException($"early stopping: min_delta must be finite, got {minDelta}");
        MinDelta = Math.Abs(minDelta);   // Keras takes the magnitude and applies the sign from the mode
        Patience = patience;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>A value the monitor must beat, if any.</summary>
    public double? Baseline { get; }

    /// <summary>Whether the best epoch's weights are put back at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The epoch training stopped after, or null if it ran to the end.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <summary>The best epoch so far, or null before the first.</summary>
    public int? BestEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnTrainBegin()
    {
        _wait = 0;
        ResetBest();
        _bestWeights = null;
        StoppedEpoch = null;
        BestEpoch = null;
    }

    /// <inheritdoc/>
    public override void OnEpochEnd(int epoch, IReadOnlyDictionary<string, double> logs)
    {
        double current = Current(logs);
        if (RestoreBestWeights && _bestWeights is null) _bestWeights = WeightSnapshot.Take(TrainedModel);
        _wait++;
        if (IsImprovement(current, Best, MinDelta))
        {
            Best = current;
            BestEpoch = epoch;
            if (RestoreBestWeights) _bestWeights = WeightSnapshot.Take(TrainedModel);
            if (Baseline is null || IsImprovement(current, Baseline.Value, MinDelta)) _wait = 0;
            // An improving epoch never stops training. Without this return, patience 0 stopped after epoch 1 even
            // while improving — the Keras 2.7–2.11 bug (keras-team/keras#17305) that Keras 3 fixed the same way.
            return;
        }
        if (_wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            TrainedModel.StopTraining = true;
        }
    }

    /// <inheritdoc/>
    public override void OnTrainEnd()
    {
        if (RestoreBestWeights && _bestWeights is not null) _bestWeights.Restore();
    }
}

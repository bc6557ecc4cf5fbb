namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// Half a cosine from η₀ down to α·η₀ over s steps, then flat:
/// η(step) = η₀ · ((1 − α) · ½(1 + cos(π · min(step, s) / s)) + α).
/// </summary>
/// <remarks>
/// Keras: <c>keras.optimizers.schedules.CosineDecay(initial_learning_rate, decay_steps, alpha=0.0)</c>
/// (Loshchilov &amp; Hutter, SGDR, 2017). Keras's optional linear warmup (<c>warmup_target</c>,
/// <c>warmup_steps</c>) is not implemented.
/// </remarks>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>A cosine decay from <paramref name="initialLearningRate"/> to alpha times it.</summary>
    /// <param name="initialLearningRate">η₀, finite and ≥ 0.</param>
    /// <param name="decaySteps">s, the length of the half cosine; &gt; 0.</param>
    /// <param name="alpha">α ∈ [0, 1], the floor as a fraction of η₀.</param>
    public CosineDecay(double initialLearningRate, long decaySteps, double alpha = 0.0)
    {
        InitialLearningRate =
            HyperParameter.NonNegative(nameof(CosineDecay), nameof(initialLearningRate), initialLearningRate);
        DecaySteps = decaySteps > 0 ? decaySteps
            : throw new ArgumentException(
                $"{nameof(CosineDecay)}: decaySteps must be > 0, got {decaySteps}", nameof(decaySteps));
        Alpha = HyperParameter.ClosedUnitInterval(nameof(CosineDecay), nameof(alpha), alpha);
    }

    /// <summary>η₀.</summary>
    public double InitialLearningRate { get; }
    /// <summary>s.</summary>
    public long DecaySteps { get; }
    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <inheritdoc/>
    public override double At(long step)
    {
        CheckStep(nameof(CosineDecay), step);
        double completedFraction = (double)Math.Min(step, DecaySteps) / DecaySteps;
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * completedFraction));
        return InitialLearningRate * ((1 - Alpha) * cosine + Alpha);
    }
}

namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// η(step) = η₀ / (1 + r · step / s), or with <see cref="PeriodicDecay.Staircase"/> η₀ / (1 + r · ⌊step / s⌋): a 1/t
/// decay.
/// </summary>
/// <remarks>Keras: <c>keras.optimizers.schedules.InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate,
/// staircase=False)</c>.</remarks>
/// <param name="initialLearningRate">η₀, finite and ≥ 0.</param>
/// <param name="decaySteps">s; &gt; 0.</param>
/// <param name="decayRate">r, finite and ≥ 0.</param>
/// <param name="staircase">whether step / s is floored.</param>
public sealed class InverseTimeDecay(
    double initialLearningRate,
    long decaySteps,
    double decayRate,
    bool staircase = false)
    : PeriodicDecay(nameof(InverseTimeDecay), initialLearningRate, decaySteps, decayRate, staircase)
{
    /// <inheritdoc/>
    protected override double Decay(double periods) => InitialLearningRate / (1 + DecayRate * periods);
}

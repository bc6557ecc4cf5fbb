namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// η(step) = η₀ · r^(step / s), or with <see cref="PeriodicDecay.Staircase"/> η₀ · r^⌊step / s⌋ (the rate drops every s
/// steps).
/// </summary>
/// <remarks>Keras: <c>keras.optimizers.schedules.ExponentialDecay(initial_learning_rate, decay_steps, decay_rate,
/// staircase=False)</c>.</remarks>
/// <param name="initialLearningRate">η₀, finite and ≥ 0.</param>
/// <param name="decaySteps">s, the period of one factor r; &gt; 0.</param>
/// <param name="decayRate">r, finite and ≥ 0 (below 1 to decay).</param>
/// <param name="staircase">whether the exponent is floored to a whole number of periods.</param>
public sealed class ExponentialDecay(
    double initialLearningRate,
    long decaySteps,
    double decayRate,
    bool staircase = false)
    : PeriodicDecay(nameof(ExponentialDecay), initialLearningRate, decaySteps, decayRate, staircase)
{
    /// <inheritdoc/>
    protected override double Decay(double periods) => InitialLearningRate * Math.Pow(DecayRate, periods);
}

namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// A learning rate that depends on the step: η = At(step), where step is the number of updates applied
/// so far (<see cref="Optimizer.Iterations"/>, 0 for the first update).
/// </summary>
/// <remarks>
/// Keras: <c>keras.optimizers.schedules.LearningRateSchedule</c>, whose <c>__call__(step)</c> the optimizer
/// evaluates at <c>optimizer.iterations</c> before every update. A plain number is the
/// <see cref="ConstantLearningRate"/> schedule.
/// </remarks>
public abstract class LearningRateSchedule
{
    /// <summary>The learning rate for the update made when <paramref name="step"/> updates have already been
    /// applied.</summary>
    public abstract double At(long step);

    /// <summary>Checks a step argument: steps count updates, so they are never negative.</summary>
    protected static void CheckStep(string schedule, long step)
    {
        if (step < 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, $"{schedule}: the step must be ≥ 0, got {step}");
    }
}

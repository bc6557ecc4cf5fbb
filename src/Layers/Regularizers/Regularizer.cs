using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>A penalty on a weight added to the training loss (Keras <c>keras.regularizers</c>), scaled by a
/// factor.</summary>
public abstract class Regularizer
{
    /// <summary>Checks and stores the factor; <paramref name="name"/> (e.g. "l2") names the regulariser in
    /// errors.</summary>
    protected Regularizer(string name, double factor)
    {
        if (!(factor >= 0) || double.IsInfinity(factor))
            throw new ArgumentException(
                $"{name} regularizer: the factor must be finite and non-negative, got {factor}");
        Factor = factor;
    }

    /// <summary>The factor the penalty is multiplied by.</summary>
    public double Factor { get; }

    /// <summary>The penalty for weight <paramref name="w"/>, a scalar that takes part in the gradient.</summary>
    public abstract Variable<T> Penalty<T>(Variable<T> w) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Keras <c>regularizers.l2(factor)</c>: factor · Σ w².</summary>
    public static Regularizer L2(double factor = 0.01) => new L2Regularizer(factor);

    /// <summary>Keras <c>regularizers.l1(factor)</c>: factor · Σ |w|.</summary>
    public static Regularizer L1(double factor = 0.01) => new L1Regularizer(factor);
}

namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// The three ways Keras optimizers tame a gradient before the update (<c>clipnorm</c>, <c>clipvalue</c>,
/// <c>global_clipnorm</c>), written with tensor ops so they run on the gradient's device.
/// </summary>
/// <remarks>
/// Norm clipping keeps the gradient's direction and shrinks its length; value clipping bends the direction.
/// Keras: <c>keras.src.optimizers.base_optimizer.clip_by_norm</c> and <c>clip_by_global_norm</c>, <c>ops.clip</c>.
/// </remarks>
public static class GradientClipping
{
    /// <summary>
    /// g · c / max(‖g‖₂, c): unchanged when ‖g‖₂ ≤ c, otherwise rescaled to norm c (a zero gradient stays zero).
    /// </summary>
    public static Tensor<T> ByNorm<T>(Tensor<T> gradient, double clipNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = T.CreateChecked(clipNorm);
        return gradient * c / NormDivisor(gradient, clipNorm);
    }

    /// <summary>max(‖g‖₂, c) in <typeparamref name="T"/>, the divisor of <see cref="ByNorm{T}"/> (which the fused
    /// optimizer step applies to g·c element by element).</summary>
    public static T NormDivisor<T>(Tensor<T> gradient, double clipNorm) where T : unmanaged, IFloatingPointIeee754<T>
        => T.Max((gradient * gradient).Sum().Sqrt().Item(), T.CreateChecked(clipNorm));

    /// <summary>Each element clipped to [−c, c].</summary>
    public static Tensor<T> ByValue<T>(Tensor<T> gradient, double clipValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = T.CreateChecked(clipValue);
        return gradient.Clip(-c, c);
    }

    /// <summary>
    /// Every gradient times c / max(G, c), where G = √(Σᵢ ‖gᵢ‖₂²) is the norm of all gradients taken together:
    /// the whole update keeps its direction across parameters.
    /// </summary>
    /// <remarks>G couples parameters that may live on different devices, so it is gathered on the host as one
    /// number.</remarks>
    public static IReadOnlyList<Tensor<T>> ByGlobalNorm<T>(IReadOnlyList<Tensor<T>> gradients, double clipNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var scale = T.CreateChecked(GlobalScale(gradients, clipNorm));
        return [.. gradients.Select(g => g * scale)];
    }

    /// <summary>c / max(G, c), the factor of <see cref="ByGlobalNorm{T}"/>, computed in double on the host.</summary>
    public static double GlobalScale<T>(IReadOnlyList<Tensor<T>> gradients, double clipNorm)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(gradients);
        double squaredSum = gradients.Sum(g => double.CreateChecked((g * g).Sum().Item()));
        return clipNorm / Math.Max(Math.Sqrt(squaredSum), clipNorm);
    }
}

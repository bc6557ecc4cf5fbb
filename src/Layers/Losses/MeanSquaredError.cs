using System.Numerics;
using DeepSeq.Autograd;

namespace DeepSeq.Layers.Losses;

/// <summary>
/// Mean squared error, Keras's <c>mean_squared_error</c> ("mse"): per sample mean((y − p)²) over the last axis.
/// </summary>
/// <remarks>Shapes: <c>yTrue</c> and <c>yPred</c> (batch, …, d); per-sample values (batch, …). ∂/∂p = −2(y −
/// p)/d.</remarks>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc/>
    public override string Name => "mean_squared_error";

    /// <summary>mean((y − p)², −1).</summary>
    public override Variable<T> PerSample<T>(Variable<T> yTrue, Variable<T> yPred)
        => (TargetShapes.Match(Name, yTrue, yPred) - yPred).Pow(T.CreateChecked(2)).Mean(-1);
}

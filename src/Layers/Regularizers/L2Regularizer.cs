using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>Keras <c>L2(l2=0.01)</c>: penalty = l2 · Σ w² (no ½: Keras's definition, so the gradient is
/// 2·l2·w).</summary>
/// <param name="factor">l2, finite and ≥ 0 (Keras's default 0.01)</param>
public sealed class L2Regularizer(double factor = 0.01) : Regularizer("l2", factor)
{
    /// <inheritdoc/>
    public override Variable<T> Penalty<T>(Variable<T> w) => (w * w).Sum() * T.CreateChecked(Factor);
}

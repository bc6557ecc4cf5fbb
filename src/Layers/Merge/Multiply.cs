using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>Keras <c>Multiply()</c>: the elementwise product of its inputs, x₁ ⊙ x₂ ⊙ … (gating).</summary>
public sealed class Multiply(string? name = null) : Merge(name)
{
    /// <inheritdoc/>
    protected override Variable<T> Combine<T>(IReadOnlyList<Variable<T>> inputs)
        => inputs.Skip(1).Aggregate(inputs[0], (product, x) => product * x);
}

using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>Keras <c>Average()</c>: the elementwise mean of its inputs, (x₁ + … + xₙ)/n (the ensemble of experiment
/// C9).</summary>
public sealed class Average(string? name = null) : Merge(name)
{
    /// <inheritdoc/>
    protected override Variable<T> Combine<T>(IReadOnlyList<Variable<T>> inputs)
        => Sum(inputs) / T.CreateChecked(inputs.Count);
}

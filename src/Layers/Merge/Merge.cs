using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// The base of the elementwise merge layers (Keras <c>_Merge</c>): two or more inputs of one shape combined
/// element by element into one output of that shape.
/// </summary>
public abstract class Merge : Layer
{
    /// <summary>A merge layer.</summary>
    protected Merge(string? name) : base(name)
    {
    }

    /// <summary>x₁ + x₂ + …: what Add returns and Average divides.</summary>
    protected static Variable<T> Sum<T>(IReadOnlyList<Variable<T>> inputs) where T : unmanaged, IFloatingPointIeee754<T>
        => inputs.Skip(1).Aggregate(inputs[0], (sum, x) => sum + x);

    /// <summary>Combines the inputs, all of one shape.</summary>
    protected abstract Variable<T> Combine<T>(IReadOnlyList<Variable<T>> inputs)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <inheritdoc/>
    protected override IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputs)
    {
        if (inputs.Count < 2)
            throw new ArgumentException($"{Name} ({TypeName}) merges at least two inputs, got {inputs.Count}");
        var first = inputs[0];
        foreach (var shape in inputs)
            if (shape.Rank != first.Rank
                || shape.Dims.Zip(first.Dims)
                    .Any(p => p.First is not null && p.Second is not null && p.First != p.Second))
                throw new ArgumentException(
                    $"{Name} ({TypeName}): inputs must share one shape, got {string.Join(", ", inputs)}");
        // Where one input knows a size another leaves open, the output knows it.
        return [new SymbolicShape(Enumerable.Range(0, first.Rank)
            .Select(i => inputs.Select(s => s[i]).FirstOrDefault(d => d is not null))
            .ToArray())];
    }

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => SameKnownSampleDims(built, actual);

    /// <inheritdoc/>
    protected override IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs, bool training)
    {
        var shape = inputs[0].Shape;
        if (inputs.Any(x => x.Shape != shape))
            throw new ArgumentException(
                $"{Name} ({TypeName}): inputs must share one shape, " +
                $"got {string.Join(", ", inputs.Select(x => x.Shape))}");
        return [Combine(inputs)];
    }
}

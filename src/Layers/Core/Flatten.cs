using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>Keras <c>Flatten()</c>: (batch, d1, d2, …) → (batch, d1·d2·…), in row-major (C) order.</summary>
public sealed class Flatten : Layer
{
    /// <summary>A flatten layer.</summary>
    public Flatten(string? name = null) : base(name)
    {
    }

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input)
    {
        if (input.Rank < 1) throw new ArgumentException($"{Name}: Flatten needs a batch axis, got {input}");
        var sample = input.SampleDims.ToArray();
        int? size = sample.All(d => d is not null) ? sample.Aggregate(1, (p, d) => checked(p * d!.Value)) : null;
        return new SymbolicShape(null, size);
    }

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => SameKnownSampleDims(built, actual);

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training) => x.Reshape(x.Shape[0], -1);
}

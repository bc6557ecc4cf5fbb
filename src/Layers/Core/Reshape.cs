using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Reshape(target_shape)</c>: each sample is reshaped to <c>target_shape</c> (the batch axis is kept);
/// one entry may be −1, inferred from the sample's size.
/// </summary>
public sealed class Reshape : Layer
{
    /// <summary>A layer reshaping samples to <paramref name="targetShape"/>.</summary>
    public Reshape(int[] targetShape, string? name = null) : base(name)
    {
        if (targetShape.Count(d => d == -1) > 1 || targetShape.Any(d => d < -1 || d == 0))
            throw new ArgumentException(
                $"{Name}: target shape ({string.Join(", ", targetShape)}) must hold positive sizes and at most one " +
                "-1");
        TargetShape = (int[])targetShape.Clone();
    }

    /// <summary>The per-sample shape.</summary>
    public IReadOnlyList<int> TargetShape { get; }

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input)
    {
        var sample = input.SampleDims.ToArray();
        int known = TargetShape.Where(d => d != -1).Aggregate(1, (p, d) => checked(p * d));
        if (sample.Any(d => d is null))
            return SymbolicShape.Batched(TargetShape.Select(d => d == -1 ? (int?)null : d));
        int size = sample.Aggregate(1, (p, d) => checked(p * d!.Value));
        bool inferred = TargetShape.Contains(-1);
        if (inferred ? size % known != 0 : size != known)
            throw new ArgumentException(
                $"{Name}: cannot reshape samples of shape {new SymbolicShape(sample)} " +
                $"({size} elements) to ({string.Join(", ", TargetShape)})");
        return SymbolicShape.Batched(TargetShape.Select(d => (int?)(d == -1 ? size / known : d)));
    }

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => SameKnownSampleDims(built, actual);

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training) => x.Reshape([x.Shape[0], .. TargetShape]);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig()) { ["target_shape"] = TargetShape };
}

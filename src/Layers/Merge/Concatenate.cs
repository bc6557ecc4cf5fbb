using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Concatenate(axis=-1)</c>: joins its inputs along <c>axis</c>; every other axis must agree. The axis
/// counts the batch axis (axis 1 is the first sample axis), and may not be the batch axis itself.
/// </summary>
public sealed class Concatenate : Layer
{
    /// <summary>A layer joining its inputs along <paramref name="axis"/>.</summary>
    public Concatenate(int axis = -1, string? name = null) : base(name) => Axis = axis;

    /// <summary>The axis joined along.</summary>
    public int Axis { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputs)
    {
        if (inputs.Count < 2)
            throw new ArgumentException($"{Name}: Concatenate joins at least two inputs, got {inputs.Count}");
        int rank = inputs[0].Rank;
        if (inputs.Any(s => s.Rank != rank))
            throw new ArgumentException($"{Name}: inputs must share one rank, got {string.Join(", ", inputs)}");
        int axis = Shape.NormalizeAxis(Name, Axis, rank);
        if (axis == 0) throw new ArgumentException($"{Name}: cannot concatenate along the batch axis");
        var dims = new int?[rank];
        for (int i = 0; i < rank; i++)
        {
            var sizes = inputs.Select(s => s[i]).ToArray();
            if (i == axis) dims[i] = sizes.All(d => d is not null) ? sizes.Sum() : null;
            else if (sizes.Where(d => d is not null).Distinct().Count() > 1)
                throw new ArgumentException(
                    $"{Name}: inputs must agree on every axis but {Axis}, got {string.Join(", ", inputs)}");
            else dims[i] = sizes.FirstOrDefault(d => d is not null);
        }
        return [new SymbolicShape(dims)];
    }

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => SameKnownSampleDims(built, actual);

    /// <inheritdoc/>
    protected override IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs, bool training)
        => [VariableOps.Concat(inputs, Axis < 0 ? inputs[0].Shape.Rank + Axis : Axis)];

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig()) { ["axis"] = Axis };
}

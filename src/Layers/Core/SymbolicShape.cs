namespace DeepSeq.Layers;

/// <summary>
/// A shape whose dimensions may be unknown (<c>null</c>, Keras's <c>None</c>): the batch axis of every symbolic
/// tensor, and the time axis of a sequence model that accepts any length. Printed as Keras prints it, e.g.
/// <c>(None, 16)</c>.
/// </summary>
public sealed class SymbolicShape : IEquatable<SymbolicShape>
{
    private readonly int?[] _dims;

    /// <summary>A shape from its dimensions, <c>null</c> for unknown ones.</summary>
    public SymbolicShape(params int?[] dims)
    {
        foreach (var d in dims)
            if (d is < 0)
                throw new ArgumentException(
                    $"symbolic shape: dimensions must be non-negative " +
                    $"or unknown (null), got ({string.Join(", ", dims)})");
        _dims = (int?[])dims.Clone();
    }

    /// <summary>(None, …dims): a batch of samples of shape <paramref name="sample"/>.</summary>
    public static SymbolicShape Batched(IEnumerable<int?> sample) => new([null, .. sample]);

    /// <summary>The shape of a concrete batch, with its batch axis made unknown: how a layer built from real data sees
    /// its input.</summary>
    public static SymbolicShape FromBatch(Shape shape)
    {
        if (shape.Rank == 0) throw new ArgumentException("a layer input must have a batch axis; got a 0-d tensor");
        return Batched(shape.ToArray().Skip(1).Select(d => (int?)d));
    }

    /// <summary>Number of axes.</summary>
    public int Rank => _dims.Length;

    /// <summary>The dimension of <paramref name="axis"/> (negative counts from the end); null when unknown.</summary>
    public int? this[int axis] => _dims[Shape.NormalizeAxis("symbolic shape", axis, Rank)];

    /// <summary>The dimensions.</summary>
    public IReadOnlyList<int?> Dims => _dims;

    /// <summary>The dimensions after the batch axis.</summary>
    public IEnumerable<int?> SampleDims => _dims.Skip(1);

    /// <summary>The dimension of <paramref name="axis"/>, which the caller needs known; a clear error naming
    /// <paramref name="op"/> otherwise.</summary>
    public int Known(int axis, string op)
        => this[axis] ?? throw new ArgumentException(
            $"{op}: axis {axis} of input shape {this} must be known (not None)");

    /// <summary>Whether a concrete shape fits: same rank, and equal wherever this shape's dimension is known.</summary>
    public bool Accepts(Shape shape)
    {
        if (shape.Rank != Rank) return false;
        for (int i = 0; i < Rank; i++)
            if (_dims[i] is int d && d != shape[i]) return false;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(SymbolicShape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SymbolicShape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dims) hash.Add(d);
        return hash.ToHashCode();
    }

    /// <summary>Python's tuple notation, as Keras prints shapes: <c>(None, 16)</c>, <c>(None,)</c>,
    /// <c>()</c>.</summary>
    public override string ToString()
    {
        var parts = _dims
            .Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None")
            .ToArray();
        return parts.Length == 1 ? $"({parts[0]},)" : $"({string.Join(", ", parts)})";
    }
}

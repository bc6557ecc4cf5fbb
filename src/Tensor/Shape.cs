using System.Collections;
using System.Runtime.CompilerServices;

namespace DeepSeq;

/// <summary>
/// The size of each dimension of a tensor, outermost first. Immutable, compared by value,
/// printed as <c>(32,10)</c> in every error message. A collection expression makes one:
/// <c>Tensor.Zeros&lt;float&gt;([2, 3])</c>.
/// </summary>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public sealed class Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    /// <summary>The builder behind collection expressions such as <c>[2, 3]</c>.</summary>
    public static Shape Create(ReadOnlySpan<int> dims) => new(dims);

    private readonly int[] _dims;

    /// <summary>Creates a shape; every dimension must be ≥ 0 and there may be at most 8.</summary>
    public Shape(params ReadOnlySpan<int> dims)
    {
        if (dims.Length > Kernels.Dims8.Capacity)
            throw new ArgumentException(
                $"shape: at most {Kernels.Dims8.Capacity} dimensions are supported, got {dims.Length}");
        long size = 1;
        foreach (int d in dims)
            if (d < 0) throw new ArgumentException($"shape: dimensions must be >= 0, got {Format(dims)}");
        // A zero anywhere makes an empty tensor, however large the other dimensions (NumPy allows (10⁶, 10⁶, 0)).
        if (!dims.Contains(0))
            foreach (int d in dims)
            {
                size *= d;
                if (size > Array.MaxLength)
                    throw new ArgumentException($"shape: {Format(dims)} has more elements than an array can hold");
            }
        else size = 0;
        _dims = dims.ToArray();
        Size = (int)size;
    }

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => _dims.Length;

    /// <summary>Number of elements: the product of the dimensions (1 for a scalar).</summary>
    public int Size { get; }

    int IReadOnlyCollection<int>.Count => Rank;

    /// <summary>The dimensions, outermost first.</summary>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis] => _dims[NormalizeAxis("shape", axis, Rank)];

    /// <summary>The dimensions as a span.</summary>
    public ReadOnlySpan<int> Dims => _dims;

    /// <summary>A copy of the dimensions.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    /// <summary>Row-major (C order) strides of this shape: the last dimension is contiguous.</summary>
    public int[] RowMajorStrides() => Kernels.StridedLayout.RowMajorStrides(_dims);

    /// <summary>Maps a possibly negative axis into [0, rank), or throws naming the operation.</summary>
    public static int NormalizeAxis(string op, int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
            throw new ArgumentOutOfRangeException(nameof(axis),
                $"{op}: axis {axis} is out of range for a tensor of rank {rank}");
        return a;
    }

    /// <summary>
    /// NumPy broadcasting: align the shapes on the right; two dimensions are compatible when equal or
    /// when one is 1, and the result takes the larger.
    /// </summary>
    public static Shape Broadcast(string op, Shape a, Shape b)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a._dims[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b._dims[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {a} and {b} cannot be broadcast: dimension {i} of the " +
                    $"result is {da} in one and {db} in the other");
            dims[i] = da == 1 ? db : da;
        }
        return new Shape(dims);
    }

    /// <summary>Two shapes are equal when they have the same dimensions in the same order.</summary>
    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);
    /// <summary>Equal only to a <see cref="Shape"/> with the same dimensions.</summary>
    public override bool Equals(object? obj) => Equals(obj as Shape);
    /// <summary>A hash of the dimensions, so equal shapes hash alike.</summary>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in _dims) h.Add(d);
        return h.ToHashCode();
    }
    /// <summary>Value equality.</summary>
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);
    /// <summary>Value inequality.</summary>
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    /// <summary>Implicit conversion from an array of dimensions.</summary>
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <summary>Compact form used in messages: <c>(32,10)</c>, <c>(5)</c>, <c>()</c>.</summary>
    public override string ToString() => Format(_dims);

    internal static string Format(ReadOnlySpan<int> dims) => "(" + string.Join(",", dims.ToArray()) + ")";
}

namespace DeepSeq.Autograd.Ops;

/// <summary>y = (1/N) Σ x over the given axes (null = all), N the
/// number of elements averaged. A composite: Σ x / N.</summary>
/// <remarks>
/// Built from <see cref="Sum{T}"/> and a division by the constant N, so its gradient comes from theirs:
/// ∂y/∂xᵢ = 1/N, spread evenly over every averaged element.
/// </remarks>
public static class Mean<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>y = Σ x / N.</summary>
    public static Variable<T> Apply(Variable<T> x, int[]? axes, bool keepDims)
    {
        int count = Count("mean", x.Shape, axes);
        if (count == 0) throw new ArgumentException($"mean: cannot average over an empty axis of shape {x.Shape}");
        return Sum<T>.Apply(x, axes, keepDims) / T.CreateChecked(count);
    }

    /// <summary>
    /// How many elements a reduction over <paramref name="axes"/> (null = all; negative count from the end)
    /// combines; a repeated or out-of-range axis throws under the op's name. Shared by mean and variance.
    /// </summary>
    internal static int Count(string op, Shape shape, int[]? axes)
    {
        var reduced = axes is null ? Enumerable.Range(0, shape.Rank).ToArray()
            : axes.Select(a => Shape.NormalizeAxis(op, a, shape.Rank)).ToArray();
        if (reduced.Distinct().Count() != reduced.Length)
            throw new ArgumentException($"{op}: repeated axis in [{string.Join(", ", axes!)}]");
        return reduced.Aggregate(1, (n, d) => n * shape.Dims[d]);
    }
}

namespace DeepSeq.Autograd.Ops;

/// <summary>y = min x = −max(−x) over the given axes (null = all). A composite: no backward of its own.</summary>
/// <remarks>
/// Written, as tinygrad writes it, through <see cref="Max{T}"/> and <see cref="Negate{T}"/>, so its gradient —
/// 1/k to each of the k minimal elements — and its tie rule (equal shares, PyTorch's <c>amin</c>) are max's.
/// Negation is exact in floating point, so the value equals min x bit for bit.
/// </remarks>
public static class Min<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>y = −max(−x).</summary>
    public static Variable<T> Apply(Variable<T> x, int[]? axes, bool keepDims) => -Max<T>.Apply(-x, axes, keepDims);
}

namespace DeepSeq.Autograd.Ops;

/// <summary>z = min(a, b) = −max(−a, −b) elementwise (broadcasting). A composite: no backward of its own.</summary>
/// <remarks>
/// Written, as tinygrad writes it, through <see cref="Maximum{T}"/> and <see cref="Negate{T}"/>, so its gradient
/// comes from theirs: ∂z/∂a = [a &lt; b], ∂z/∂b = [b &lt; a], and at a tie a = b the same ½/½ split as maximum
/// (PyTorch's <c>torch.minimum</c>). Negation is exact in floating point, so the value equals min(a, b) bit for bit.
/// </remarks>
public static class Minimum<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>z = −max(−a, −b).</summary>
    public static Variable<T> Apply(Variable<T> a, Variable<T> b) => -Maximum<T>.Apply(-a, -b);
}

namespace DeepSeq.Autograd.Ops;

/// <summary>
/// y = Σ (x − μ)² / (N − ddof) over the given axes, μ the mean over them. A composite of mean, subtract,
/// multiply and sum, so ∂y/∂xᵢ = 2(xᵢ − μ) / (N − ddof) comes from their rules.
/// </summary>
/// <remarks>
/// μ depends on x too, and its path is kept in the graph: it contributes −(2/(N(N − ddof)))·Σⱼ(xⱼ − μ) = 0 to each
/// xᵢ, since the deviations from the mean sum to zero. Detaching μ would give the same gradient in exact
/// arithmetic; keeping it makes the composite plainly correct. ddof = 0 (default) is the population variance of
/// NumPy and Keras, ddof = 1 the unbiased estimate (PyTorch's default <c>correction=1</c>).
/// </remarks>
public static class Variance<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>y = Σ (x − mean(x))² / (N − ddof).</summary>
    public static Variable<T> Apply(Variable<T> x, int[]? axes, bool keepDims, int ddof)
    {
        int count = Mean<T>.Count("variance", x.Shape, axes);
        if (ddof < 0 || count - ddof <= 0)
            throw new ArgumentException(
                $"variance: ddof {ddof} must lie in [0, {count}) for the {count} elements reduced in {x.Shape}");
        var centered = x - Mean<T>.Apply(x, axes, keepDims: true);
        return Sum<T>.Apply(centered * centered, axes, keepDims) / T.CreateChecked(count - ddof);
    }
}

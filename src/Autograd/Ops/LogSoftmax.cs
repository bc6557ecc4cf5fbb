namespace DeepSeq.Autograd.Ops;

/// <summary>
/// log softmax(x)ᵢ = (xᵢ − m) − ln Σⱼ e^(xⱼ − m) along an axis, m = maxⱼ xⱼ. A composite of subtract, exp, sum
/// and log: ∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ comes from their rules.
/// </summary>
/// <remarks>
/// Not ln(softmax(x)), which is −∞ where softmax underflows to 0 (and whose gradient is then NaN); this form stays
/// finite. m is subtracted as a detached constant, exactly as in <see cref="Softmax{T}"/>: the output does
/// not depend on it, so no gradient through it is lost.
/// </remarks>
public static class LogSoftmax<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>y = (x − m) − ln Σ e^(x − m) along <paramref name="axis"/>.</summary>
    public static Variable<T> Apply(Variable<T> x, int axis)
    {
        int a = Softmax<T>.NonEmptyAxis("log_softmax", x, axis);
        var shifted = Softmax<T>.Shift(x, a);
        return shifted - Log<T>.Apply(Sum<T>.Apply(Exp<T>.Apply(shifted), [a], keepDims: true));
    }
}

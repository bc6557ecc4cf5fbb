namespace DeepSeq.Autograd.Ops;

/// <summary>
/// softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m) along an axis, m = maxⱼ xⱼ. A composite of exp, sum, subtract and
/// divide: ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ) comes from their rules.
/// </summary>
/// <remarks>
/// Subtracting m keeps every exponent ≤ 0, so e^(·) cannot overflow. It is subtracted as a DETACHED constant:
/// softmax(x − c) = softmax(x) for any c, so the output does not depend on m and its true contribution to the
/// gradient is exactly zero. Recording the max would add a node whose gradients cancel (and, at ties, go
/// through max's subgradient for nothing).
/// </remarks>
public static class Softmax<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>y = e^(x − m) / Σ e^(x − m) along <paramref name="axis"/>.</summary>
    public static Variable<T> Apply(Variable<T> x, int axis)
    {
        int a = NonEmptyAxis("softmax", x, axis);
        var e = Exp<T>.Apply(Shift(x, a));
        return e / Sum<T>.Apply(e, [a], keepDims: true);
    }

    /// <summary>x − m with m = max x along the axis, m a constant (no gradient flows through it).</summary>
    internal static Variable<T> Shift(Variable<T> x, int axis) => x - new Variable<T>(x.Data.Max(axis, keepDims: true));

    /// <summary>The axis normalised; an empty one throws, since a distribution over nothing is undefined.</summary>
    internal static int NonEmptyAxis(string op, Variable<T> x, int axis)
    {
        int a = Shape.NormalizeAxis(op, axis, x.Shape.Rank);
        if (x.Shape.Dims[a] == 0) throw new ArgumentException($"{op}: axis {axis} of shape {x.Shape} is empty");
        return a;
    }
}

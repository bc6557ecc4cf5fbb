namespace DeepSeq.Autograd.Ops;

/// <summary>y = x with its dimensions reordered: y[i₀, …, iₙ₋₁] =
/// x[…] with dimension k of y being dimension axes[k] of x.</summary>
/// <remarks>
/// The one node behind Permute and both Transposes. Every element moves, none changes, so the gradient is
/// dy moved back: permuted by the inverse permutation, which sends dimension axes[k] of x back to k.
/// </remarks>
public sealed class Permute<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _inverse;   // dx = dy.Permute(_inverse)

    private Permute(Variable<T> x, int[] inverse) : base(x) => _inverse = inverse;

    /// <inheritdoc/>
    public override string Name => "permute";

    /// <summary>Forward: y = x.Permute(axes) (a view, no copy).</summary>
    public static Variable<T> Apply(Variable<T> x, params int[] axes)
    {
        var y = x.Data.Permute(axes);   // checks the axes first: a permutation of 0 … rank−1, negatives allowed
        var inverse = new int[axes.Length];
        for (int k = 0; k < axes.Length; k++) inverse[Shape.NormalizeAxis("permute", axes[k], x.Data.Rank)] = k;
        return new Permute<T>(x, inverse).Output(y);
    }

    /// <summary>Backward: dx = dy permuted by the inverse permutation.</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy) => [dy.Permute(_inverse)];
}

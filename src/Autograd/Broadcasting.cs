namespace DeepSeq.Autograd;

/// <summary>The one rule that makes every binary op's backward broadcast-aware.</summary>
internal static class Broadcasting
{
    /// <summary>
    /// Sums <paramref name="grad"/> back to <paramref name="shape"/>: an operand that was broadcast was read
    /// once for every position it was repeated to, so its gradient is the sum over those positions — over
    /// the leading dimensions it lacked and over the dimensions where it had size 1.
    /// </summary>
    public static Tensor<T> SumTo<T>(Tensor<T> grad, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (grad.Shape == shape) return grad;
        int lead = grad.Rank - shape.Rank;
        var axes = Enumerable.Range(0, grad.Rank)
            .Where(d => d < lead || (shape.Dims[d - lead] == 1 && grad.Shape.Dims[d] != 1))
            .ToArray();
        return grad.Sum(axes, keepDims: true).Reshape(shape.ToArray());
    }
}

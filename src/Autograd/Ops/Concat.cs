namespace DeepSeq.Autograd.Ops;

/// <summary>
/// y = [x₀ | x₁ | …] joined along one axis. Every element of y is a copy of one element of one input, so
/// each input's gradient is its own block of dy.
/// </summary>
/// <remarks>Stack is Unsqueeze on each input, then this node.</remarks>
public sealed class Concat<T> : Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int _axis;   // normalised: 0 … rank−1

    private Concat(Variable<T>[] xs, int axis) : base(xs) => _axis = axis;

    /// <inheritdoc/>
    public override string Name => "concat";

    /// <summary>Forward: y = Tensor.Concat(xs, axis).</summary>
    public static Variable<T> Apply(IReadOnlyList<Variable<T>> xs, int axis = 0)
    {
        var y = Tensor.Concat(xs.Select(x => x.Data).ToList(), axis);   // checks the shapes and the axis
        return new Concat<T>(xs.ToArray(), Shape.NormalizeAxis("concat", axis, y.Rank)).Output(y);
    }

    /// <summary>Backward: dxᵢ = dy narrowed to xᵢ's block along the axis (a view of dy, no copy).</summary>
    public override Tensor<T>?[] Backward(Tensor<T> dy)
    {
        var dxs = new Tensor<T>?[Inputs.Length];
        for (int i = 0, start = 0; i < Inputs.Length; start += Inputs[i].Shape.Dims[_axis], i++)
            dxs[i] = Needs(i) ? dy.Narrow(_axis, start, Inputs[i].Shape.Dims[_axis]) : null;
        return dxs;
    }
}

namespace DeepSeq.Autograd;

/// <summary>
/// The differentiable operations on variables, one line each, grouped by family across the
/// <c>VariableOps.*.cs</c> files: the catalogue of what autograd can differentiate. Each forwards to the
/// op's <see cref="Function{T}"/> in src/Autograd/Ops, where its forward and backward live.
/// </summary>
public static partial class VariableOps
{
    extension<T>(Variable<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>C = A · B (NumPy matmul rules).</summary>
        public Variable<T> MatMul(Variable<T> b) => Ops.MatMul<T>.Apply(a, b);

        /// <summary>Σ over the axes (null = all).</summary>
        public Variable<T> Sum(int[]? axes = null, bool keepDims = false) => Ops.Sum<T>.Apply(a, axes, keepDims);

        /// <summary>Σ over one axis.</summary>
        public Variable<T> Sum(int axis, bool keepDims = false) => Ops.Sum<T>.Apply(a, [axis], keepDims);
    }
}

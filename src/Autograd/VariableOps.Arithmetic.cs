namespace DeepSeq.Autograd;

/// <summary>
/// The differentiable operations on variables, one line each, grouped by family across the
/// <c>VariableOps.*.cs</c> files: the catalogue of what autograd can differentiate. Each forwards to the
/// op's <see cref="Function{T}"/> in src/Autograd/Ops, where its forward and backward live. Which ops are
/// primitives with a backward of their own, which are composites, and why: src/Autograd/README.md. The operators
/// + − × ÷ and unary − are on <see cref="Variable{T}"/> itself.
/// </summary>
public static partial class VariableOps
{
    extension<T>(Variable<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>C = A · B (NumPy matmul rules).</summary>
        public Variable<T> MatMul(Variable<T> b) => Ops.MatMul<T>.Apply(a, b);
    }
}

namespace DeepSeq.Autograd;

/// <summary>Gradients of an output with respect to chosen variables, without touching any <c>Grad</c> (PyTorch's <c>torch.autograd.grad</c>).</summary>
public static class Gradients
{
    /// <summary>
    /// ∂output/∂v for each v of <paramref name="inputs"/> (leaves or intermediate results), in order; a variable the
    /// output does not depend on gets zeros. <paramref name="dOut"/> as in <see cref="Variable{T}.Backward"/>.
    /// </summary>
    public static Tensor<T>[] Of<T>(Variable<T> output, IReadOnlyList<Variable<T>> inputs, Tensor<T>? dOut = null, bool retainGraph = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var wanted = new HashSet<Variable<T>>(inputs, ReferenceEqualityComparer.Instance);
        var found = BackwardPass.Run(output, dOut, retainGraph, wanted);
        return inputs.Select(v => found.TryGetValue(v, out var g) ? g : Tensor.Zeros<T>(v.Shape, v.Data.Device)).ToArray();
    }
}

namespace DeepSeq.Autograd;

/// <summary>Gradients of an output with respect to chosen variables, without
/// touching any <c>Grad</c> (PyTorch's <c>torch.autograd.grad</c>).</summary>
public static class Gradients
{
    /// <summary>
    /// ∂output/∂v for each v of <paramref name="inputs"/> (leaves or intermediate results that require grad), in order;
    /// a variable the output does not depend on gets zeros; one that does not require grad throws.
    /// <paramref name="dOut"/> as in <see cref="Variable{T}.Backward"/>.
    /// </summary>
    public static Tensor<T>[] Of<T>(Variable<T> output, IReadOnlyList<Variable<T>> inputs,
        Tensor<T>? dOut = null, bool retainGraph = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var v in inputs)
            if (!v.RequiresGrad)
                throw new ArgumentException($"gradients: an input of shape {v.Shape} does not require grad, " +
                    "so no gradient is tracked to it (create it with requiresGrad: true)");
        var wanted = new HashSet<Variable<T>>(inputs, ReferenceEqualityComparer.Instance);
        var found = BackwardPass.Run(output, dOut, retainGraph, wanted);
        return inputs
            .Select(v => found.TryGetValue(v, out var g) ? g : Tensor.Zeros<T>(v.Shape, v.Data.Device))
            .ToArray();
    }
}

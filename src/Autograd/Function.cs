namespace DeepSeq.Autograd;

/// <summary>
/// One recorded operation of the graph: the inputs it was applied to, what its backward needs, and the
/// rule that turns the gradient of its output into the gradients of its inputs (MiniTorch's
/// <c>Function</c>, micrograd's <c>_backward</c> closure made a class).
/// </summary>
/// <remarks>
/// Every op lives in its own file under src/Autograd/Ops: a static <c>Apply</c> that computes the forward
/// result with the tensor core and records the node, then <see cref="Backward"/> right below it. Forward
/// saves what backward needs as fields (the llm.c way: explicit, visible to a debugger). Backward must use
/// only those fields and the inputs' shapes, never <c>Inputs[i].Data</c>: an optimizer may give a weight a new
/// value (<see cref="Variable{T}.Assign"/>) between the forward and the backward pass.
/// </remarks>
public abstract class Function<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the node for an op applied to <paramref name="inputs"/>.</summary>
    protected Function(params Variable<T>[] inputs) => Inputs = inputs;

    /// <summary>
    /// The variables this op read, in order; <see cref="Backward"/> returns one gradient for each. Emptied when the
    /// graph is freed after a backward pass, so that the intermediate results (and their tensors) can be collected.
    /// </summary>
    public Variable<T>[] Inputs { get; private set; }

    /// <summary>A short name for graphs and error messages, e.g. "matmul".</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Given dOut = ∂L/∂out, returns ∂L/∂input for every input, each of its input's shape (null for an
    /// input that needs no gradient, or whose gradient is zero everywhere).
    /// </summary>
    public abstract Tensor<T>?[] Backward(Tensor<T> dOut);

    /// <summary>Drops the tensors saved for backward (called after
    /// a backward pass unless the graph is retained).</summary>
    protected internal virtual void ReleaseSaved() { }

    /// <summary>Whether the graph through this node was freed: a second backward through it would be wrong.</summary>
    internal bool Released { get; private set; }

    /// <summary>Frees what this node holds: its saved tensors and its references to its inputs.</summary>
    internal void Release()
    {
        ReleaseSaved();
        Inputs = [];
        Released = true;
    }

    /// <summary>
    /// Wraps a forward result: a variable that requires grad and remembers this node when gradients are
    /// being recorded and some input requires grad; a plain constant otherwise.
    /// </summary>
    protected Variable<T> Output(Tensor<T> result)
    {
        bool record = GradMode.IsEnabled && Inputs.Any(v => v.RequiresGrad);
        return record ? new Variable<T>(result, this) : new Variable<T>(result);
    }

    /// <summary>True when input <paramref name="i"/> wants a gradient (skip computing the ones nobody needs).</summary>
    protected bool Needs(int i) => Inputs[i].RequiresGrad;
}

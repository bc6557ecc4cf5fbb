namespace DeepSeq.Layers;

/// <summary>
/// A placeholder for a tensor in a model being defined (Keras's <c>KerasTensor</c>): it has a shape with an
/// unknown batch axis and a dtype, but no values. Calling a layer on symbolic tensors records a
/// <see cref="Node"/> and returns new symbolic tensors; <see cref="Model"/> then walks those nodes back from its
/// outputs to its inputs to know what to compute.
/// </summary>
public class SymbolicTensor
{
    internal SymbolicTensor(SymbolicShape shape, Type dtype, Node producer, int outputIndex)
    {
        Shape = shape;
        DType = dtype;
        Producer = producer;
        OutputIndex = outputIndex;
    }

    /// <summary>The shape; its batch axis is unknown.</summary>
    public SymbolicShape Shape { get; }

    /// <summary><see cref="float"/> or <see cref="double"/>.</summary>
    public Type DType { get; }

    /// <summary>The layer call that produces this tensor.</summary>
    internal Node Producer { get; }

    /// <summary>Which of the producing layer's outputs this is.</summary>
    internal int OutputIndex { get; }

    /// <summary>The layer that produces this tensor (an <see cref="InputLayer"/> for a model input).</summary>
    public Layer Layer => Producer.Layer;

    /// <inheritdoc/>
    public override string ToString()
        => $"<SymbolicTensor shape={Shape}, dtype={Weight.DTypeName(DType)}, from {Layer.Name}>";
}

/// <summary>
/// One call of a layer on symbolic tensors: the layer, the tensors it was called on, the tensors it returned.
/// A layer called twice (a shared layer) has two nodes and one set of weights.
/// </summary>
internal sealed class Node
{
    public Node(Layer layer, IReadOnlyList<SymbolicTensor> inputs)
    {
        Layer = layer;
        Inputs = inputs;
    }

    public Layer Layer { get; }

    public IReadOnlyList<SymbolicTensor> Inputs { get; }

    public IReadOnlyList<SymbolicTensor> Outputs { get; internal set; } = [];
}

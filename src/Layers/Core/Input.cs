namespace DeepSeq.Layers;

/// <summary>
/// A model input: <c>new Input(784)</c> is Keras's <c>keras.Input(shape=(784,))</c>, a symbolic tensor of shape
/// (None, 784) that layers are called on to define a functional <see cref="Model"/>.
/// </summary>
public sealed class Input : SymbolicTensor
{
    /// <summary>An input of samples shaped <paramref name="shape"/> (the batch axis is added); null entries are unknown
    /// (e.g. a sequence's length).</summary>
    /// <param name="shape">one sample's shape</param>
    /// <param name="name">the input's name (default <c>input_1</c>, <c>input_2</c>, …), shown in summaries and in
    /// errors; <c>Fit</c> feeds inputs in the order the model lists them</param>
    /// <param name="dtype"><see cref="float"/> (default) or <see cref="double"/></param>
    public Input(int?[] shape, string? name = null, Type? dtype = null)
        : this(new InputLayer(shape, name, dtype))
    {
    }

    /// <summary>An input of samples shaped <paramref name="shape"/>, all dimensions known: <c>new
    /// Input(784)</c>.</summary>
    public Input(params int[] shape) : this(shape.Select(d => (int?)d).ToArray())
    {
    }

    private Input(InputLayer layer) : base(layer.OutputShape, layer.InputDType, new Node(layer, []), 0)
        => Producer.Outputs = [this];

    /// <summary>The input's name.</summary>
    public string Name => Layer.Name;
}

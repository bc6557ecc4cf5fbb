namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Sequential</c>: a plain stack of layers, each feeding the next. Once the input shape is known —
/// from an <see cref="InputLayer"/> as the first layer (<c>new Sequential(new InputLayer([784]), …)</c>), from
/// <see cref="Layer.Build(IReadOnlyList{SymbolicShape}, Type?, Device?)"/>, or from the first batch it sees — the
/// stack becomes a functional graph Input → layer₁ → … → layerₙ, so a Sequential model is a <see cref="Model"/> in
/// every respect (summary, fit, saving, use inside another model).
/// </summary>
/// <remarks>Like Keras's, its summary lists no input row; parameter counts are the same as the functional
/// form.</remarks>
public sealed class Sequential : Model
{
    private readonly List<Layer> _stack = [];
    private SymbolicShape? _inputShape;
    private Type _dtype = typeof(float);

    /// <summary>A stack of <paramref name="layers"/>; an <see cref="InputLayer"/> may come first to fix the input
    /// shape.</summary>
    public Sequential(params Layer[] layers) : this(layers, null)
    {
    }

    /// <summary>A named stack of <paramref name="layers"/>.</summary>
    public Sequential(IEnumerable<Layer> layers, string? name) : base(name)
    {
        foreach (var layer in layers) Add(layer);
    }

    /// <summary>
    /// Appends a layer (Keras <c>model.add</c>). Once the input shape is known the graph is redefined at once, so the
    /// new layer is built and <c>Summary()</c> shows it.
    /// </summary>
    public void Add(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (layer is InputLayer && _stack.Count > 0)
            throw new ArgumentException($"{Name}: an InputLayer may only be the first layer");
        if (_stack.Contains(layer)) throw new ArgumentException($"{Name}: layer {layer.Name} is already in the stack");
        _stack.Add(layer);
        if (layer is InputLayer input) (_inputShape, _dtype) = (input.OutputShape, input.InputDType);
        if (_inputShape is not null && Layers.Count > 0)
        {
            Define();
            if (!Built) Build([_inputShape], _dtype);
        }
    }

    /// <summary>The layers, without the input layer (as Keras lists them).</summary>
    public override IReadOnlyList<Layer> Layers => _stack.Where(l => l is not InputLayer).ToList();

    /// <inheritdoc/>
    protected override IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputShapes)
    {
        // Reached first from Build or from a first call on data, either of which has already fixed DType.
        if (!IsDefined)
        {
            (_inputShape, _dtype) = (Single(inputShapes, "inputs"), DType ?? typeof(float));
            Define();
        }
        return base.ComputeOutputShapes(inputShapes);
    }

    /// <summary>Builds the functional graph for the known input shape: Input → each layer in turn.</summary>
    private void Define()
    {
        if (Layers.Count == 0) throw new InvalidOperationException($"{Name}: the model has no layers");
        var input = new Input(
            _inputShape!.SampleDims.ToArray(),
            name: (_stack[0] as InputLayer)?.Name ?? Name + "_input",
            dtype: _dtype);
        SymbolicTensor x = input;
        foreach (var layer in Layers) x = layer.Call(x);
        DefineGraph([input], [x]);
    }
}

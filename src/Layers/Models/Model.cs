using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// A model: a graph of layer calls from <see cref="Input"/>s to outputs (Keras's functional <c>Model(inputs,
/// outputs)</c>), and everything a model does besides computing — <c>Compile</c>, <c>Fit</c>, <c>Evaluate</c>,
/// <c>Predict</c>, <c>Summary</c>, saving and loading weights (the other parts of this partial class).
/// </summary>
/// <remarks>
/// <para>Defining a model runs nothing: calling layers on symbolic tensors recorded <see cref="Node"/>s; the
/// constructor walks them back from the outputs, checks every path ends at one of the inputs, and keeps them in an
/// order where each node comes after the nodes it reads (a topological order). Running the model computes the nodes
/// in that order.</para>
/// <para>A model is a <see cref="Layer"/>: call it on tensors, or on symbolic tensors inside a bigger model (its
/// weights are shared, not copied) — the three trained models of experiment C9 become one ensemble this way.</para>
/// </remarks>
public partial class Model : Layer
{
    private IReadOnlyList<SymbolicTensor> _inputs = [];
    private IReadOnlyList<SymbolicTensor> _outputs = [];
    private IReadOnlyList<Node> _nodes = [];

    /// <summary>A model from its inputs to its outputs: <c>new Model([input], [output])</c>.</summary>
    /// <param name="inputs">the model's inputs, made with <c>new Input(...)</c>, in the order data is fed</param>
    /// <param name="outputs">the symbolic tensors the model returns, in order</param>
    /// <param name="name">model name; default <c>model</c>, <c>model_1</c>, …</param>
    public Model(
        IReadOnlyList<SymbolicTensor> inputs,
        IReadOnlyList<SymbolicTensor> outputs,
        string? name = null) : base(name)
    {
        DefineGraph(inputs, outputs);
        Build(inputs.Select(t => t.Shape).ToArray(), inputs[0].DType);
    }

    /// <summary>A model with one input and one output.</summary>
    public Model(SymbolicTensor input, SymbolicTensor output, string? name = null) : this([input], [output], name)
    {
    }

    /// <summary>A model whose graph a subclass defines later with <see cref="DefineGraph"/> (<see cref="Sequential"/>
    /// does).</summary>
    protected Model(string? name) : base(name)
    {
    }

    /// <summary>Keras shows functional models as <c>Functional</c>.</summary>
    public override string TypeName => GetType() == typeof(Model) ? "Functional" : GetType().Name;

    /// <summary>The model's inputs.</summary>
    public IReadOnlyList<SymbolicTensor> Inputs => _inputs;

    /// <summary>The model's outputs.</summary>
    public IReadOnlyList<SymbolicTensor> Outputs => _outputs;

    /// <summary>Whether the graph is defined (a <see cref="Sequential"/> defines it once it knows its input
    /// shape).</summary>
    public bool IsDefined => _outputs.Count > 0;

    /// <summary>The distinct layers, inputs first, in the order they compute.</summary>
    public virtual IReadOnlyList<Layer> Layers => _nodes.Select(n => n.Layer).Distinct().ToList();

    /// <summary>Keras's summary table (see <see cref="ModelSummary"/>), written to <paramref name="output"/> (the
    /// console by default) and returned.</summary>
    public string Summary(TextWriter? output = null)
    {
        string table = ModelSummary.Format(this);
        (output ?? Console.Out).Write(table);
        return table;
    }

    /// <summary>The layer named <paramref name="name"/>; a clear error listing the names otherwise.</summary>
    public Layer GetLayer(string name)
        => Layers.FirstOrDefault(l => l.Name == name)
           ?? throw new ArgumentException(
               $"{Name}: no layer named '{name}'; layers: {string.Join(", ", Layers.Select(l => l.Name))}");

    /// <inheritdoc/>
    public override IReadOnlyList<Weight> Weights => Layers.SelectMany(l => l.Weights).Distinct().ToList();

    /// <inheritdoc/>
    public override IReadOnlyList<Weight> TrainableWeights
        => Trainable ? Layers.SelectMany(l => l.TrainableWeights).Distinct().ToList() : [];

    /// <summary>Every layer call of the graph in computing order (input layers first).</summary>
    internal IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>
    /// Fixes the graph: walks back from <paramref name="outputs"/> to <paramref name="inputs"/>, orders the nodes
    /// so every node follows the nodes it reads, and refuses a graph that needs an input it was not given.
    /// </summary>
    protected void DefineGraph(IReadOnlyList<SymbolicTensor> inputs, IReadOnlyList<SymbolicTensor> outputs)
    {
        if (inputs.Count == 0 || outputs.Count == 0)
            throw new ArgumentException($"{Name}: a model needs at least one input and one output");
        if (inputs.Any(t => t.Layer is not InputLayer))
            throw new ArgumentException(
                $"{Name}: model inputs must be made with new Input(...); " +
                $"{string.Join(", ", inputs.Where(t => t.Layer is not InputLayer).Select(t => t.Layer.Name))} is a " +
                "layer's output");
        if (inputs.Distinct().Count() != inputs.Count) throw new ArgumentException($"{Name}: an input is listed twice");
        if (inputs.Select(t => t.DType).Distinct().Count() > 1)
            throw new ArgumentException($"{Name}: inputs mix float32 and float64");

        var order = new List<Node>();
        var state = new Dictionary<Node, bool>();   // false: being visited, true: done
        foreach (var output in outputs) Visit(output.Producer, order, state, inputs);
        var clash = order.Select(n => n.Layer).Distinct().GroupBy(l => l.Name).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException(
                $"{Name}: {clash.Count()} layers are named '{clash.Key}'; names " +
                $"must be unique within a model (weights are saved by them)");
        _inputs = inputs;
        _outputs = outputs;
        _nodes = order;
    }

    private void Visit(Node node, List<Node> order, Dictionary<Node, bool> state, IReadOnlyList<SymbolicTensor> inputs)
    {
        if (state.TryGetValue(node, out bool done))
        {
            if (!done) throw new ArgumentException($"{Name}: the graph has a cycle through {node.Layer.Name}");
            return;
        }
        if (node.Layer is InputLayer && !inputs.Contains(node.Outputs[0]))
            throw new ArgumentException(
                $"{Name}: graph disconnected: the outputs need input '{node.Layer.Name}', which is " +
                $"not among the model's inputs ({string.Join(", ", inputs.Select(t => t.Layer.Name))})");
        state[node] = false;
        foreach (var input in node.Inputs) Visit(input.Producer, order, state, inputs);
        state[node] = true;
        order.Add(node);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputShapes)
    {
        if (inputShapes.Count != _inputs.Count)
            throw new ArgumentException($"{Name}: the model takes {_inputs.Count} input(s), got {inputShapes.Count}");
        for (int i = 0; i < inputShapes.Count; i++)
            if (!SameKnownSampleDims(_inputs[i].Shape, inputShapes[i]))
                throw new ArgumentException(
                    $"{Name}: input '{_inputs[i].Layer.Name}' expects {_inputs[i].Shape}, got {inputShapes[i]}");
        return _outputs.Select(t => t.Shape).ToArray();
    }

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => SameKnownSampleDims(built, actual);

    /// <summary>
    /// Runs the graph: every node in order, each layer on the values of the tensors it was called on. Masks (from an
    /// Embedding with <c>maskZero</c>) travel beside the values; a layer that cannot take one refuses it.
    /// </summary>
    protected override IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs, bool training)
    {
        var values = new Dictionary<SymbolicTensor, Variable<T>>();
        var masks = new Dictionary<SymbolicTensor, Tensor<T>>();
        for (int i = 0; i < _inputs.Count; i++) values[_inputs[i]] = inputs[i];
        foreach (var node in _nodes)
        {
            if (node.Layer is InputLayer) continue;
            var args = node.Inputs.Select(t => values[t]).ToArray();
            var inMasks = node.Inputs.Select(t => masks.GetValueOrDefault(t)).ToArray();
            var outs = node.Layer.Call<T>(args, training, inMasks.Any(m => m is not null) ? inMasks : null);
            var outMasks = node.Layer.ComputeMasks(args.Select(a => a.Data).ToArray(), inMasks, outs.Count);
            for (int j = 0; j < outs.Count; j++)
            {
                values[node.Outputs[j]] = outs[j];
                if (outMasks[j] is { } mask) masks[node.Outputs[j]] = mask;
            }
        }
        return _outputs.Select(t => values[t]).ToArray();
    }
}

using System.Text;
using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// The base of every layer and model, following Keras's contract:
/// <list type="number">
/// <item>the constructor validates and stores the configuration — no weights yet;</item>
/// <item>the first call builds the weights from the input shape (<see cref="Build(SymbolicShape)"/>), in the
/// dtype and on the device of that input (a symbolic call builds on the CPU), drawing random values from the
/// layer's own seed;</item>
/// <item>every call computes <see cref="Forward{T}(Variable{T}, bool)"/> on variables (eager), or, on
/// <see cref="SymbolicTensor"/>s, only infers the output shape (<see cref="ComputeOutputShape(SymbolicShape)"/>)
/// and records a node for a functional <see cref="Model"/>.</item>
/// </list>
/// </summary>
/// <remarks>
/// A layer with one input and one output overrides the single-tensor members (<see cref="Build(SymbolicShape)"/>,
/// <see cref="ComputeOutputShape(SymbolicShape)"/>, <see cref="Forward{T}(Variable{T}, bool)"/>); merge layers and
/// models override the list forms.
/// </remarks>
public abstract class Layer
{
    private readonly List<Weight> _weights = [];
    private Generator? _generator;
    private ulong? _seed;

    /// <summary>A layer named <paramref name="name"/>, or by its type (<c>dense</c>, <c>dense_1</c>, …) when
    /// null.</summary>
    protected Layer(string? name)
    {
        if (name is not null && (name.Length == 0 || name.Contains('/')))
            throw new ArgumentException(
                $"{GetType().Name}: a layer name must be non-empty and contain no '/', got '{name}'");
        Name = name ?? Session.UniqueName(SnakeCase(GetType().Name));
    }

    /// <summary>The layer's name, unique within a session unless you chose it.</summary>
    public string Name { get; }

    /// <summary>The type name Keras shows in summaries, e.g. <c>Dense</c>.</summary>
    public virtual string TypeName => GetType().Name;

    /// <summary>
    /// Whether the optimizer updates this layer's weights (Keras <c>layer.trainable</c>); a frozen layer's weights
    /// count as non-trainable in <c>Summary()</c>. The training loop reads it at every step, so a change takes effect
    /// at the next step (Keras needs a new <c>compile</c> for that).
    /// </summary>
    public bool Trainable { get; set; } = true;

    /// <summary>
    /// The seed this layer's random numbers (initial weights, dropout masks) come from: the session's next seed,
    /// taken the first time the layer needs random numbers (when it builds its weights, or drops out), so layers
    /// without any (inputs, Flatten, merges) leave the session's sequence alone.
    /// </summary>
    public ulong Seed => _seed ??= Session.NextSeed();

    /// <summary>Whether the weights exist (after the first call).</summary>
    public bool Built { get; private set; }

    /// <summary>The dtype the layer was built in; null before it is built.</summary>
    public Type? DType { get; private set; }

    /// <summary>The device the layer's weights live on; null before it is built.</summary>
    public Device? Device { get; private set; }

    /// <summary>The input shapes the layer was built for; null before.</summary>
    public IReadOnlyList<SymbolicShape>? BuiltInputShapes { get; private set; }

    /// <summary>The output shapes for <see cref="BuiltInputShapes"/>; null before the layer is built.</summary>
    public IReadOnlyList<SymbolicShape>? OutputShapes
        => BuiltInputShapes is null ? null : ComputeOutputShapes(BuiltInputShapes);

    /// <summary>All weights, in creation order (Keras <c>layer.weights</c>).</summary>
    public virtual IReadOnlyList<Weight> Weights => _weights;

    /// <summary>The weights the optimizer updates: none when the layer is frozen.</summary>
    public virtual IReadOnlyList<Weight> TrainableWeights => Trainable ? _weights.Where(w => w.Trainable).ToList() : [];

    /// <summary>The weights the optimizer leaves alone.</summary>
    public IReadOnlyList<Weight> NonTrainableWeights
    {
        get
        {
            var trainable = TrainableWeights.ToHashSet();
            return Weights.Where(w => !trainable.Contains(w)).ToList();
        }
    }

    /// <summary>The number of scalars in all weights (Keras <c>count_params()</c>).</summary>
    public long CountParams() => Weights.Sum(w => (long)w.Size);

    /// <summary>
    /// The layer's configuration as Keras's <c>get_config()</c> reports it: every constructor argument by its Keras
    /// name. Models use it to describe themselves; tests compare it with Keras's.
    /// </summary>
    public virtual IReadOnlyDictionary<string, object?> GetConfig() => new Dictionary<string, object?>
    {
        ["name"] = Name,
        ["trainable"] = Trainable,
    };

    /// <summary>The current values of <see cref="Weights"/> (Keras <c>get_weights()</c>), converted to
    /// <typeparamref name="T"/>.</summary>
    public IReadOnlyList<Tensor<T>> GetWeights<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => Weights.Select(w => w.ToTensor<T>()).ToArray();

    /// <summary>
    /// Replaces the values of <see cref="Weights"/> in order (Keras <c>set_weights</c>): a pretrained GloVe matrix into
    /// an Embedding, for example. Counts and shapes are checked before anything changes; values are converted to the
    /// layer's dtype.
    /// </summary>
    public void SetWeights<T>(IReadOnlyList<Tensor<T>> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var weights = Weights;
        if (!Built)
            throw new InvalidOperationException(
                $"{Name}: set weights: the layer has no weights until it is built (call it, or Build it, first)");
        if (values.Count != weights.Count)
            throw new ArgumentException(
                $"{Name}: set weights: the layer has {weights.Count} " +
                $"weight(s) ({string.Join(", ", weights.Select(w => $"{w.Name}{w.Shape}"))}), got {values.Count}");
        for (int i = 0; i < values.Count; i++)
            if (values[i].Shape != weights[i].Shape)
                throw new ArgumentException(
                    $"{Name}: set weights: {weights[i].Name} has shape {weights[i].Shape}, the value " +
                    $"{values[i].Shape}; nothing was changed");
        for (int i = 0; i < values.Count; i++)
            weights[i].Assign(values[i]);
    }

    // ---- calling -------------------------------------------------------------------------------------------------

    /// <summary>Applies the layer to a batch: builds the weights on first use, then computes the output.</summary>
    /// <param name="x">a batch (the first axis is the batch)</param>
    /// <param name="training">true while fitting: dropout drops, for example</param>
    /// <param name="mask">the input's mask (batch, steps) of 1 for real steps and 0 for padding (Keras's
    /// <c>mask=</c>), for layers that support masking; null for none</param>
    public Variable<T> Call<T>(Variable<T> x, bool training = false, Tensor<T>? mask = null)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Single(Call<T>([x], training, mask is null ? null : [mask]), "outputs");

    /// <summary>Applies a layer that takes several inputs or returns several outputs (merge layers, models).</summary>
    /// <param name="inputs">the inputs</param>
    /// <param name="training">true while fitting</param>
    /// <param name="masks">one mask (or null) per input, for layers that support masking; null for none</param>
    public IReadOnlyList<Variable<T>> Call<T>(IReadOnlyList<Variable<T>> inputs, bool training = false,
        IReadOnlyList<Tensor<T>?>? masks = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inputs.Count == 0) throw new ArgumentException($"{Name}: called on no inputs");
        var shapes = inputs.Select(x => SymbolicShape.FromBatch(x.Shape)).ToArray();
        EnsureBuilt(shapes, typeof(T), inputs[0].Data.Device);
        if (DType != typeof(T))
            throw new ArgumentException(
                $"{Name}: the layer was built for {Weight.DTypeName(DType!)} " +
                $"inputs, called on {Weight.DTypeName(typeof(T))}");
        if (Weights.Count > 0 && inputs.FirstOrDefault(x => !ReferenceEquals(x.Data.Device, Device)) is { } stranger)
            throw new ArgumentException(
                $"{Name}: the layer's weights live on {Device!.Name}, its input on {stranger.Data.Device.Name}; move " +
                "the data there (tensor.To(device))");
        if (masks is not null && masks.Count != inputs.Count)
            throw new ArgumentException($"{Name}: {inputs.Count} input(s) but {masks.Count} mask(s)");
        if (masks is null || masks.All(m => m is null)) return Forward(inputs, training);
        if (!SupportsMasking)
            throw new NotSupportedException($"{Name} ({TypeName}) does not support masking, but was given a mask");
        return Forward(inputs, masks, training);
    }

    /// <summary>Records a call on a symbolic tensor (functional API): <c>var h = new
    /// Dense(32).Call(inputs);</c></summary>
    public SymbolicTensor Call(SymbolicTensor input) => Single(Call([input]), "outputs");

    /// <summary>Records a call on several symbolic tensors: <c>new Concatenate().Call([a, b])</c>.</summary>
    public IReadOnlyList<SymbolicTensor> Call(IReadOnlyList<SymbolicTensor> inputs)
    {
        if (inputs.Count == 0) throw new ArgumentException($"{Name}: called on no inputs");
        var dtype = inputs[0].DType;
        if (inputs.Any(t => t.DType != dtype))
            throw new ArgumentException(
                $"{Name}: inputs mix dtypes ({string.Join(", ", inputs.Select(t => Weight.DTypeName(t.DType)))})");
        var shapes = inputs.Select(t => t.Shape).ToArray();
        EnsureBuilt(shapes, dtype, device: null);
        if (DType != dtype)
            throw new ArgumentException(
                $"{Name}: the layer was built for {Weight.DTypeName(DType!)} inputs, called on a " +
                $"{Weight.DTypeName(dtype)} symbolic tensor");
        var node = new Node(this, inputs);
        node.Outputs = ComputeOutputShapes(shapes)
            .Select((shape, i) => new SymbolicTensor(shape, dtype, node, i))
            .ToArray();
        return node.Outputs;
    }

    /// <summary>Creates the weights now, for inputs shaped <paramref name="inputShapes"/> (Keras <c>build</c>);
    /// normally the first call does it.</summary>
    public void Build(IReadOnlyList<SymbolicShape> inputShapes, Type? dtype = null, Device? device = null)
        => EnsureBuilt(inputShapes, dtype ?? typeof(float), device);

    private void EnsureBuilt(IReadOnlyList<SymbolicShape> shapes, Type dtype, Device? device)
    {
        if (Built)
        {
            CheckCompatible(shapes);
            return;
        }
        if (dtype != typeof(float) && dtype != typeof(double))
            throw new ArgumentException($"{Name}: layers compute in float32 or float64, not {dtype.Name}");
        DType = dtype;
        Device = device ?? Devices.Device.Cpu;
        ComputeOutputShapes(shapes);   // validates the input shapes before any weight exists
        Build(shapes);
        BuiltInputShapes = shapes;
        Built = true;
    }

    /// <summary>Refuses inputs that disagree with the shapes the layer was built for (Keras's <c>InputSpec</c>
    /// check).</summary>
    private void CheckCompatible(IReadOnlyList<SymbolicShape> shapes)
    {
        var built = BuiltInputShapes!;
        if (!AcceptsInputCount(shapes.Count, built.Count) || shapes.Zip(built).Any(p => !IsCompatible(p.Second, p.First)))
            throw new ArgumentException(
                $"{Name}: built for input shape {string.Join(", ", built)}, called on {string.Join(", ", shapes)}");
    }

    /// <summary>
    /// Whether a built layer takes <paramref name="count"/> inputs: by default as many as it was built with; a layer
    /// whose later inputs are optional (a recurrent layer's initial states) overrides it. The inputs both calls have
    /// are checked with <see cref="IsCompatible"/>.
    /// </summary>
    protected virtual bool AcceptsInputCount(int count, int builtCount) => count == builtCount;

    /// <summary>
    /// Whether an input shaped <paramref name="actual"/> fits a layer built for <paramref name="built"/>. By default:
    /// the same rank and the same last axis (what a kernel's shape depends on); layers that fix more or less override
    /// it.
    /// </summary>
    protected virtual bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => actual.Rank == built.Rank && (built[-1] is null || actual[-1] is null || built[-1] == actual[-1]);

    /// <summary>The stricter check for layers whose output shape depends on every sample axis: same rank, and equal
    /// wherever both know the size.</summary>
    protected static bool SameKnownSampleDims(SymbolicShape built, SymbolicShape actual)
        => actual.Rank == built.Rank
            && actual.Dims.Zip(built.Dims).Skip(1).All(p => p.Second is null || p.First is null || p.First == p.Second);

    // ---- masks ---------------------------------------------------------------------------------------------------

    /// <summary>
    /// Whether the layer accepts a mask from the layer before it (Keras <c>supports_masking</c>). Layers that do not
    /// refuse one rather than ignore it silently, as Keras does.
    /// </summary>
    public virtual bool SupportsMasking => false;

    /// <summary>
    /// The mask of this layer's output (1 = a real time step, 0 = padding; Keras <c>compute_mask</c>) given its
    /// input and the input's mask. By default a layer that supports masking passes the mask on unchanged.
    /// </summary>
    public virtual Tensor<T>? ComputeMask<T>(Tensor<T> input, Tensor<T>? inputMask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inputMask is null || SupportsMasking) return inputMask;
        throw new NotSupportedException(
            $"{Name} ({TypeName}) does not support masking, but its input " +
            $"carries a mask (from an Embedding with mask_zero=true, for example)");
    }

    /// <summary>
    /// The masks of every output (Keras <c>compute_mask</c> for layers with several inputs or outputs) given the
    /// inputs and their masks. By default, for one input, <see cref="ComputeMask{T}"/> for every output; with several
    /// inputs, no masks, and a masked input is refused (merging masks is not supported yet).
    /// </summary>
    public virtual IReadOnlyList<Tensor<T>?> ComputeMasks<T>(IReadOnlyList<Tensor<T>> inputs,
        IReadOnlyList<Tensor<T>?> inputMasks, int outputCount) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inputs.Count == 1) return Enumerable.Repeat(ComputeMask(inputs[0], inputMasks[0]), outputCount).ToArray();
        if (inputMasks.Any(m => m is not null))
            throw new NotSupportedException($"{Name} ({TypeName}): merging masked inputs is not supported yet");
        return new Tensor<T>?[outputCount];
    }

    // ---- what each layer implements ------------------------------------------------------------------------------

    /// <summary>
    /// Creates the weights for inputs shaped <paramref name="inputShapes"/>: by default, for one input, the one-input
    /// form; layers with several inputs and weights override this (merge layers and models have none to make).
    /// </summary>
    protected virtual void Build(IReadOnlyList<SymbolicShape> inputShapes)
    {
        if (inputShapes.Count == 1) Build(inputShapes[0]);
    }

    /// <summary>Creates the weights for inputs shaped <paramref name="inputShape"/> with <see cref="AddWeight"/>;
    /// nothing by default.</summary>
    protected virtual void Build(SymbolicShape inputShape)
    {
    }

    /// <summary>The output shapes for the input shapes; validates them. By default the one-input form.</summary>
    protected virtual IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputShapes)
        => [ComputeOutputShape(Single(inputShapes, "inputs"))];

    /// <summary>The output shape for an input shape; validates it.</summary>
    protected virtual SymbolicShape ComputeOutputShape(SymbolicShape inputShape)
        => throw new NotSupportedException($"{TypeName} implements neither ComputeOutputShape nor ComputeOutputShapes");

    /// <summary>The computation on several inputs; by default the one-input form.</summary>
    protected virtual IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs, bool training)
        where T : unmanaged, IFloatingPointIeee754<T>
        => [Forward(Single(inputs, "inputs"), training)];

    /// <summary>
    /// The computation on inputs that carry masks (at least one is not null): by default the unmasked form, which
    /// suits layers that act on each step alone (Dense, Dropout, activations) and pass the mask on. Layers that read
    /// across steps (the recurrent ones) override it.
    /// </summary>
    protected virtual IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs,
        IReadOnlyList<Tensor<T>?> masks, bool training) where T : unmanaged, IFloatingPointIeee754<T>
        => Forward(inputs, training);

    /// <summary>The computation on one input.</summary>
    protected virtual Variable<T> Forward<T>(Variable<T> x, bool training) where T : unmanaged, IFloatingPointIeee754<T>
        => throw new NotSupportedException($"{TypeName} implements neither Forward form");

    /// <summary>
    /// Creates a weight of <paramref name="shape"/> filled by the Keras initialiser <paramref name="initializer"/>,
    /// drawn from this layer's seed, in the layer's dtype and on its device. Call it from <c>Build</c>.
    /// </summary>
    protected Weight AddWeight(
        string name,
        int[] shape,
        string initializer,
        bool trainable = true,
        Regularizer? regularizer = null)
    {
        if (_weights.Any(w => w.Name == name))
            throw new InvalidOperationException($"{Name}: a weight named '{name}' already exists");
        string path = $"{Name}/{name}";
        object variable = DType == typeof(float)
            ? new Variable<float>(
                Tensor.Initialize<float>(shape, initializer, Random, Device), requiresGrad: true, name: path)
            : new Variable<double>(
                Tensor.Initialize<double>(shape, initializer, Random, Device), requiresGrad: true, name: path);
        var weight = new Weight(this, name, variable, DType!, shape, trainable, regularizer);
        _weights.Add(weight);
        return weight;
    }

    /// <summary>Checks a Keras initialiser name at construction (Keras fails there too, not at the first
    /// call).</summary>
    protected string CheckedInitializer(string name)
    {
        try
        {
            Initializers.Get<float>(name);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{Name}: {e.Message}", e);
        }
        return name;
    }

    /// <summary>The layer's random stream (dropout masks); the same stream that initialised its weights, so one seed
    /// fixes both.</summary>
    protected Generator Random => _generator ??= new Generator(Seed);

    /// <summary>
    /// The sum of the regularisation penalties of the trainable weights (Keras <c>layer.losses</c>), or null when
    /// none has a regulariser. The training loop adds it to the loss.
    /// </summary>
    public Variable<T>? RegularizationLoss<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        Variable<T>? total = null;
        foreach (var w in TrainableWeights)
            if (w.Regularizer is { } reg)
            {
                var penalty = reg.Penalty(w.Variable<T>());
                total = total is null ? penalty : total + penalty;
            }
        return total;
    }

    /// <summary>The only element of <paramref name="items"/>; a clear error naming the layer otherwise.</summary>
    protected TItem Single<TItem>(IReadOnlyList<TItem> items, string what)
        => items.Count == 1 ? items[0] : throw new ArgumentException(
            $"{Name} ({TypeName}) takes one tensor as {what}, got {items.Count}");

    /// <summary><c>GlobalMaxPooling1D</c> → <c>global_max_pooling1d</c>: Keras's default layer names.</summary>
    internal static string SnakeCase(string typeName)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < typeName.Length; i++)
        {
            char c = typeName[i];
            if (char.IsUpper(c) && i > 0
                && (char.IsLower(typeName[i - 1]) || (i + 1 < typeName.Length && char.IsLower(typeName[i + 1]))))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({TypeName})";
}

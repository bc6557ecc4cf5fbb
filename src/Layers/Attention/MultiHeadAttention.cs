using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>MultiHeadAttention(num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True, output_shape=None,
/// kernel_initializer="glorot_uniform", bias_initializer="zeros")</c>, scaled dot-product attention of Vaswani et al.
/// (2017) with h = <c>num_heads</c> heads:
/// Qᵢ = X_q·W_qᵢ + b_qᵢ, Kᵢ = X_k·W_kᵢ + b_kᵢ, Vᵢ = X_v·W_vᵢ + b_vᵢ,
/// headᵢ = softmax(QᵢKᵢᵀ/√key_dim + M)·Vᵢ, y = Σᵢ headᵢ·W_oᵢ + b_o,
/// where M is 0 where the attention mask is 1 and −10⁹ where it is 0 (Keras's additive mask).
/// </summary>
/// <remarks>
/// <para>Inputs: query (batch, T, d_q), value (batch, S, d_v) and optionally key (batch, S, d_k), which is value
/// when absent; output (batch, T, output_shape ?? d_q). <c>Call([query, value])</c> or
/// <see cref="Call{T}(Variable{T}, Variable{T}, Variable{T}?, Tensor{T}?, bool)"/> with an attention mask of 1 (attend)
/// and 0 (ignore) broadcastable to (batch, T, S): (batch, 1, S) masks padded keys for every query.</para>
/// <para>Weights as Keras names and shapes them: <c>query/kernel</c> (d_q, h, key_dim), <c>query/bias</c> (h,
/// key_dim), the same for <c>key</c> (d_k, …), <c>value/kernel</c> (d_v, h, value_dim), <c>value/bias</c>, and
/// <c>attention_output/kernel</c> (h, value_dim, out), <c>attention_output/bias</c> (out). Each projection is one GEMM:
/// the kernel is viewed as (d, h·key_dim), and the heads are a batch axis of the two batched GEMMs of attention.</para>
/// <para>Dropout (rate <c>dropout</c>) drops attention probabilities while training, as in Keras. The masked softmax
/// is the composite softmax(scores + M), so its gradient needs no rule of its own; a row whose keys are all masked
/// attends uniformly to all of them, as in Keras.</para>
/// </remarks>
public sealed class MultiHeadAttention : Layer
{
    private const double MaskedScore = -1e9;
    private readonly Dropout _dropout;

    /// <summary>A multi-head attention layer.</summary>
    /// <param name="numHeads">h, the number of heads, ≥ 1</param>
    /// <param name="keyDim">the size of each head's queries and keys, ≥ 1</param>
    /// <param name="valueDim">the size of each head's values; null = keyDim</param>
    /// <param name="dropout">the rate at which attention probabilities are dropped while training, in [0, 1)</param>
    /// <param name="useBias">add the projections' biases</param>
    /// <param name="outputShape">the output's last axis; null = the query's</param>
    /// <param name="kernelInitializer">initialiser of the four kernels</param>
    /// <param name="biasInitializer">initialiser of the four biases</param>
    /// <param name="name">layer name; default <c>multi_head_attention</c>, …</param>
    public MultiHeadAttention(int numHeads, int keyDim, int? valueDim = null, double dropout = 0, bool useBias = true,
        int? outputShape = null, string kernelInitializer = "glorot_uniform", string biasInitializer = "zeros",
        string? name = null) : base(name)
    {
        if (numHeads < 1 || keyDim < 1 || valueDim < 1 || outputShape < 1)
            throw new ArgumentException(
                $"{Name}: num_heads ({numHeads}), key_dim ({keyDim}), value_dim ({valueDim}) and output_shape " +
                $"({outputShape}) must be at least 1");
        NumHeads = numHeads;
        KeyDim = keyDim;
        ValueDim = valueDim ?? keyDim;
        UseBias = useBias;
        OutputShape = outputShape;
        KernelInitializer = CheckedInitializer(kernelInitializer);
        BiasInitializer = CheckedInitializer(biasInitializer);
        _dropout = new Dropout(dropout, name: $"{Name}_dropout");
    }

    /// <summary>h, the number of heads.</summary>
    public int NumHeads { get; }

    /// <summary>The size of each head's queries and keys.</summary>
    public int KeyDim { get; }

    /// <summary>The size of each head's values.</summary>
    public int ValueDim { get; }

    /// <summary>The rate of dropout on attention probabilities.</summary>
    public double DropoutRate => _dropout.Rate;

    /// <summary>Whether the projections add biases.</summary>
    public bool UseBias { get; }

    /// <summary>The output's last axis; null = the query's.</summary>
    public int? OutputShape { get; }

    /// <summary>Initialiser of the kernels.</summary>
    public string KernelInitializer { get; }

    /// <summary>Initialiser of the biases.</summary>
    public string BiasInitializer { get; }

    /// <summary>One projection's weights: its kernel and, with <see cref="UseBias"/>, its bias.</summary>
    /// <param name="Kernel">(d, h, head) for query, key and value; (h, value_dim, out) for the output</param>
    /// <param name="Bias">(h, head), or (out) for the output; null without bias</param>
    public sealed record Projection(Weight Kernel, Weight? Bias);

    /// <summary>W_q and b_q (<c>query/kernel</c>, <c>query/bias</c>); null before the layer is built.</summary>
    public Projection? Query { get; private set; }

    /// <summary>W_k and b_k (<c>key/kernel</c>, <c>key/bias</c>); null before the layer is built.</summary>
    public Projection? Key { get; private set; }

    /// <summary>W_v and b_v (<c>value/kernel</c>, <c>value/bias</c>); null before the layer is built.</summary>
    public Projection? Value { get; private set; }

    /// <summary>W_o and b_o (<c>attention_output/kernel</c>, <c>attention_output/bias</c>); null before the layer is
    /// built.</summary>
    public Projection? AttentionOutput { get; private set; }

    /// <summary>
    /// Attends from <paramref name="query"/> to <paramref name="value"/> (keyed by <paramref name="key"/>, or by
    /// value itself), where <paramref name="attentionMask"/> is 1.
    /// </summary>
    /// <param name="query">(batch, T, d_q)</param>
    /// <param name="value">(batch, S, d_v)</param>
    /// <param name="key">(batch, S, d_k); null = value</param>
    /// <param name="attentionMask">1 to attend, 0 not, broadcastable to (batch, T, S); null = attend everywhere</param>
    /// <param name="training">drop attention probabilities (when the dropout rate is above 0)</param>
    public Variable<T> Call<T>(Variable<T> query, Variable<T> value, Variable<T>? key = null,
        Tensor<T>? attentionMask = null, bool training = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        List<Variable<T>> inputs = [query, value, key ?? value];
        if (attentionMask is not null) inputs.Add(new Variable<T>(attentionMask));
        return Call<T>(inputs, training)[0];
    }

    /// <summary>The input shapes are checked in <see cref="CheckShapes"/> (a mask's last axis varies with S).</summary>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual) => actual.Rank == built.Rank;

    /// <inheritdoc/>
    protected override bool AcceptsInputCount(int count, int builtCount) => count is >= 2 and <= 4;

    /// <inheritdoc/>
    protected override IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputShapes)
    {
        var (query, _, _) = CheckShapes(inputShapes);
        return [new SymbolicShape([query[0], query[1], OutputShape ?? query.Known(-1, Name)])];
    }

    /// <summary>Validates (query, value[, key[, mask]]) and returns the query, value and key shapes.</summary>
    private (SymbolicShape Query, SymbolicShape Value, SymbolicShape Key) CheckShapes(
        IReadOnlyList<SymbolicShape> shapes)
    {
        string Shapes() => string.Join(", ", shapes);
        if (shapes.Count is < 2 or > 4)
            throw new ArgumentException(
                $"{Name}: MultiHeadAttention takes query, value and optionally key and a mask, got {Shapes()}");
        var (query, value) = (shapes[0], shapes[1]);
        var key = shapes.Count > 2 ? shapes[2] : value;
        if (query.Rank != 3 || value.Rank != 3 || key.Rank != 3)
            throw new ArgumentException(
                $"{Name}: query, value and key must be (batch, steps, features), got {Shapes()}");
        if (value[1] is int s && key[1] is int sk && s != sk)
            throw new ArgumentException($"{Name}: value and key must have the same steps, got {value} and {key}");
        if (Built && (query[-1] != BuiltInputShapes![0][-1] || value[-1] != BuiltInputShapes[1][-1]
                || key[-1] != (BuiltInputShapes.Count > 2 ? BuiltInputShapes[2] : BuiltInputShapes[1])[-1]))
            throw new ArgumentException(
                $"{Name}: built for query, value, key {string.Join(", ", BuiltInputShapes.Take(3))}, called on " +
                $"{Shapes()}");
        if (shapes.Count == 4 && shapes[3].Rank != 3)
            throw new ArgumentException($"{Name}: the attention mask must be (batch, T, S), got {shapes[3]}");
        return (query, value, key);
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<SymbolicShape> inputShapes)
    {
        var (query, value, key) = CheckShapes(inputShapes);
        int dq = query.Known(-1, Name), dv = value.Known(-1, Name), dk = key.Known(-1, Name);
        Query = AddProjection("query", [dq, NumHeads, KeyDim], [NumHeads, KeyDim]);
        Key = AddProjection("key", [dk, NumHeads, KeyDim], [NumHeads, KeyDim]);
        Value = AddProjection("value", [dv, NumHeads, ValueDim], [NumHeads, ValueDim]);
        int output = OutputShape ?? dq;
        AttentionOutput = AddProjection("attention_output", [NumHeads, ValueDim, output], [output]);
    }

    private Projection AddProjection(string name, int[] kernel, int[] bias)
        => new(AddWeight($"{name}/kernel", kernel, KernelInitializer),
            UseBias ? AddWeight($"{name}/bias", bias, BiasInitializer) : null);

    /// <inheritdoc/>
    protected override IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs, bool training)
    {
        var (queryShape, valueShape, _) = CheckShapes(inputs.Select(x => SymbolicShape.FromBatch(x.Shape)).ToArray());
        var (query, value) = (inputs[0], inputs[1]);
        var key = inputs.Count > 2 ? inputs[2] : value;
        int steps = queryShape[1]!.Value, sources = valueShape[1]!.Value;
        var q = Heads(Project(query, Query!, NumHeads * KeyDim), steps, KeyDim);        // (B, h, T, key_dim)
        var k = Heads(Project(key, Key!, NumHeads * KeyDim), sources, KeyDim);          // (B, h, S, key_dim)
        var v = Heads(Project(value, Value!, NumHeads * ValueDim), sources, ValueDim);  // (B, h, S, value_dim)
        var scores = q.MatMul(k.Transpose(-1, -2)) * T.CreateChecked(1 / Math.Sqrt(KeyDim));   // (B, h, T, S)
        if (inputs.Count == 4) scores += new Variable<T>(MaskAdder(inputs[3].Data, query.Shape[0], steps, sources));
        var probabilities = _dropout.Call(scores.Softmax(-1), training);
        var heads = probabilities.MatMul(v).Permute(0, 2, 1, 3).Reshape(-1, steps, NumHeads * ValueDim);
        return [Project(heads, AttentionOutput!, AttentionOutput!.Kernel.Shape[2])];
    }

    /// <summary>x·W + b with W viewed as (·, width) and b as (width): the query, key and value kernels (d, h, head)
    /// as (d, h·head), the output kernel (h, value_dim, out) as (h·value_dim, out).</summary>
    private static Variable<T> Project<T>(Variable<T> x, Projection projection, int width)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = x.MatMul(projection.Kernel.Variable<T>().Reshape(-1, width));
        return projection.Bias is { } bias ? y + bias.Variable<T>().Reshape(width) : y;
    }

    /// <summary>(B, steps, h·head) → (B, h, steps, head): the heads become a batch axis.</summary>
    private Variable<T> Heads<T>(Variable<T> x, int steps, int head) where T : unmanaged, IFloatingPointIeee754<T>
        => x.Reshape(-1, steps, NumHeads, head).Permute(0, 2, 1, 3);

    /// <summary>M = (1 − mask)·(−10⁹) as (B, 1, T, S): added to the scores of every head.</summary>
    private Tensor<T> MaskAdder<T>(Tensor<T> mask, int batch, int steps, int sources)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensor<T> full;
        try
        {
            full = mask.BroadcastTo(new Shape(batch, steps, sources));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"{Name}: the attention mask {mask.Shape} does not broadcast to (batch, T, S) = " +
                $"({batch}, {steps}, {sources})", e);
        }
        return ((mask.Scalar(T.One) - full) * T.CreateChecked(MaskedScore)).Unsqueeze(1);
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig())
        {
            ["num_heads"] = NumHeads, ["key_dim"] = KeyDim, ["value_dim"] = ValueDim, ["dropout"] = DropoutRate,
            ["use_bias"] = UseBias, ["output_shape"] = OutputShape, ["kernel_initializer"] = KernelInitializer,
            ["bias_initializer"] = BiasInitializer,
        };
}

using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// One post-norm transformer encoder block of BERT (Hugging Face's <c>BertLayer</c>):
/// a = LayerNorm(x + Dropout(MultiHeadAttention(x, x, x, mask))), y = LayerNorm(a + Dropout(W₂·gelu(W₁·a + b₁) + b₂)).
/// </summary>
/// <remarks>
/// Inputs: x (batch, S, hidden) and optionally the attention mask (batch, 1, S) of 1 for real tokens and 0 for
/// padding (no query attends to a padded key). Output (batch, S, hidden). Sublayers, in weight order:
/// <see cref="Attention"/>, <see cref="AttentionNorm"/>, <see cref="Intermediate"/>, <see cref="Output"/>,
/// <see cref="OutputNorm"/>.
/// </remarks>
public sealed class BertBlock : Layer
{
    private readonly Dropout _attentionDropout, _outputDropout;

    /// <summary>A block of the sizes in <paramref name="config"/>.</summary>
    public BertBlock(BertConfig config, string? name = null) : base(name)
    {
        config.Validated();
        Attention = new MultiHeadAttention(config.NumHeads, config.HeadSize, dropout: config.AttentionDropout,
            name: $"{Name}_attention");
        _attentionDropout = new Dropout(config.HiddenDropout, name: $"{Name}_attention_dropout");
        AttentionNorm = new LayerNormalization(epsilon: config.LayerNormEpsilon, name: $"{Name}_attention_norm");
        Intermediate = new Dense(config.IntermediateSize, config.HiddenActivation, name: $"{Name}_intermediate");
        Output = new Dense(config.HiddenSize, name: $"{Name}_output");
        _outputDropout = new Dropout(config.HiddenDropout, name: $"{Name}_output_dropout");
        OutputNorm = new LayerNormalization(epsilon: config.LayerNormEpsilon, name: $"{Name}_output_norm");
    }

    /// <summary>Self-attention.</summary>
    public MultiHeadAttention Attention { get; }

    /// <summary>The LayerNorm after attention and its residual.</summary>
    public LayerNormalization AttentionNorm { get; }

    /// <summary>The feed-forward layer's first half, hidden → intermediate with GELU.</summary>
    public Dense Intermediate { get; }

    /// <summary>The feed-forward layer's second half, intermediate → hidden.</summary>
    public Dense Output { get; }

    /// <summary>The LayerNorm after the feed-forward layer and its residual.</summary>
    public LayerNormalization OutputNorm { get; }

    private IEnumerable<Layer> Sublayers => [Attention, AttentionNorm, Intermediate, Output, OutputNorm];

    /// <inheritdoc/>
    public override IReadOnlyList<Weight> Weights => [.. Sublayers.SelectMany(l => l.Weights)];

    /// <inheritdoc/>
    public override IReadOnlyList<Weight> TrainableWeights =>
        Trainable ? [.. Sublayers.SelectMany(l => l.TrainableWeights)] : [];

    /// <inheritdoc/>
    protected override bool AcceptsInputCount(int count, int builtCount) => count is 1 or 2;

    /// <inheritdoc/>
    protected override IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputShapes)
    {
        var x = inputShapes[0];
        if (inputShapes.Count > 2 || x.Rank != 3 || inputShapes.Count == 2 && inputShapes[1].Rank != 3)
            throw new ArgumentException(
                $"{Name}: a BERT block takes (batch, S, hidden) and optionally a mask (batch, 1, S), got " +
                string.Join(", ", inputShapes));
        return [x];
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<SymbolicShape> inputShapes)
    {
        var x = inputShapes[0];
        Attention.Build([x, x], DType, Device);
        AttentionNorm.Build([x], DType, Device);
        Intermediate.Build([x], DType, Device);
        Output.Build([new SymbolicShape([x[0], x[1], Intermediate.Units])], DType, Device);
        OutputNorm.Build([x], DType, Device);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs, bool training)
    {
        var x = inputs[0];
        var attended = Attention.Call(x, x, x, inputs.Count > 1 ? inputs[1].Data : null, training);
        var a = AttentionNorm.Call(x + _attentionDropout.Call(attended, training));
        var fed = Output.Call(Intermediate.Call(a));
        return [OutputNorm.Call(a + _outputDropout.Call(fed, training))];
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig())
        {
            ["num_heads"] = Attention.NumHeads, ["intermediate_size"] = Intermediate.Units,
            ["intermediate_activation"] = Intermediate.Activation, ["layer_norm_eps"] = AttentionNorm.Epsilon,
            ["hidden_dropout"] = _outputDropout.Rate, ["attention_dropout"] = Attention.DropoutRate,
        };
}

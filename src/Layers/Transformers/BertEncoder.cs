using DeepSeq.Autograd;
using DeepSeq.Layers.Saving;

namespace DeepSeq.Layers;

/// <summary>
/// BERT's encoder (Devlin et al. 2019; Hugging Face's <c>BertModel</c> without the pooler): token vectors
/// e = LayerNorm(word[ids] + position[0..S) + token_type[types]), dropout, then <see cref="BertConfig.NumLayers"/>
/// post-norm <see cref="BertBlock"/>s; the output is the last hidden state (batch, S, hidden).
/// </summary>
/// <remarks>
/// <para>Inputs, each (batch, S) and holding whole numbers in the layer's float type (as <see cref="Embedding"/>
/// takes them): <c>input_ids</c>, optionally <c>attention_mask</c> (1 for real tokens, 0 for padding; default all
/// 1) and <c>token_type_ids</c> (default all 0). S may be at most <see cref="BertConfig.MaxPositions"/>.</para>
/// <para><see cref="FromOnnx"/> loads a PyTorch export of a BERT model (all-MiniLM-L6-v2, for example) and
/// reproduces its <c>last_hidden_state</c>.</para>
/// </remarks>
public sealed class BertEncoder : Layer
{
    /// <summary>An encoder of the sizes in <paramref name="config"/>, its weights initialised on build.</summary>
    public BertEncoder(BertConfig config, string? name = null) : base(name)
    {
        Config = config.Validated();
        WordEmbeddings = new Embedding(config.VocabSize, config.HiddenSize, name: $"{Name}_word_embeddings");
        PositionEmbeddings = new Embedding(config.MaxPositions, config.HiddenSize, name: $"{Name}_position_embeddings");
        TokenTypeEmbeddings = new Embedding(config.TypeVocabSize, config.HiddenSize,
            name: $"{Name}_token_type_embeddings");
        EmbeddingsNorm = new LayerNormalization(epsilon: config.LayerNormEpsilon, name: $"{Name}_embeddings_norm");
        EmbeddingsDropout = new Dropout(config.HiddenDropout, name: $"{Name}_embeddings_dropout");
        Blocks = [.. Enumerable.Range(0, config.NumLayers).Select(i => new BertBlock(config, $"{Name}_layer_{i}"))];
    }

    /// <summary>The sizes.</summary>
    public BertConfig Config { get; }

    /// <summary>The word-piece vectors (vocab, hidden).</summary>
    public Embedding WordEmbeddings { get; }

    /// <summary>The learned position vectors (max positions, hidden).</summary>
    public Embedding PositionEmbeddings { get; }

    /// <summary>The segment vectors (type vocab, hidden).</summary>
    public Embedding TokenTypeEmbeddings { get; }

    /// <summary>The LayerNorm of the summed embeddings.</summary>
    public LayerNormalization EmbeddingsNorm { get; }

    /// <summary>The dropout after it.</summary>
    public Dropout EmbeddingsDropout { get; }

    /// <summary>The encoder blocks, first to last.</summary>
    public IReadOnlyList<BertBlock> Blocks { get; }

    private IEnumerable<Layer> Sublayers =>
        [WordEmbeddings, PositionEmbeddings, TokenTypeEmbeddings, EmbeddingsNorm, .. Blocks];

    /// <inheritdoc/>
    public override IReadOnlyList<Weight> Weights => [.. Sublayers.SelectMany(l => l.Weights)];

    /// <inheritdoc/>
    public override IReadOnlyList<Weight> TrainableWeights =>
        Trainable ? [.. Sublayers.SelectMany(l => l.TrainableWeights)] : [];

    /// <inheritdoc/>
    protected override bool AcceptsInputCount(int count, int builtCount) => count is >= 1 and <= 3;

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual) => actual.Rank == built.Rank;

    /// <inheritdoc/>
    protected override IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputShapes)
    {
        var ids = inputShapes[0];
        if (inputShapes.Count > 3 || inputShapes.Any(s => s.Rank != 2 || !Same(s[1], ids[1])))
            throw new ArgumentException(
                $"{Name}: BERT takes input_ids and optionally attention_mask and token_type_ids, each (batch, S), " +
                $"got {string.Join(", ", inputShapes)}");
        if (ids[1] > Config.MaxPositions)
            throw new ArgumentException(
                $"{Name}: sequences of {ids[1]} tokens are longer than the {Config.MaxPositions} positions");
        return [new SymbolicShape([ids[0], ids[1], Config.HiddenSize])];
    }

    private static bool Same(int? a, int? b) => a is null || b is null || a == b;

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<SymbolicShape> inputShapes)
    {
        var ids = inputShapes[0];
        var hidden = new SymbolicShape([ids[0], ids[1], Config.HiddenSize]);
        foreach (var embedding in new[] { WordEmbeddings, PositionEmbeddings, TokenTypeEmbeddings })
            embedding.Build([ids], DType, Device);
        EmbeddingsNorm.Build([hidden], DType, Device);
        foreach (var block in Blocks) block.Build([hidden], DType, Device);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs, bool training)
    {
        ComputeOutputShapes([.. inputs.Select(x => SymbolicShape.FromBatch(x.Shape))]);
        var ids = inputs[0];
        int steps = ids.Shape[1];
        var types = inputs.Count > 2 ? inputs[2] : new Variable<T>(Tensor.Zeros<T>(ids.Shape, ids.Data.Device));
        var positions = PositionEmbeddings.Embeddings!.Variable<T>().Narrow(0, 0, steps);   // (S, hidden)
        var e = WordEmbeddings.Call(ids) + positions + TokenTypeEmbeddings.Call(types);
        var h = EmbeddingsDropout.Call(EmbeddingsNorm.Call(e), training);
        // (batch, S) → (batch, 1, S): every query position sees the same padded keys.
        Variable<T>[] mask = inputs.Count > 1 ? [new Variable<T>(inputs[1].Data.Unsqueeze(1))] : [];
        foreach (var block in Blocks) h = block.Call<T>([h, .. mask], training)[0];
        return [h];
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig())
        {
            ["vocab_size"] = Config.VocabSize, ["hidden_size"] = Config.HiddenSize,
            ["num_hidden_layers"] = Config.NumLayers, ["num_attention_heads"] = Config.NumHeads,
            ["intermediate_size"] = Config.IntermediateSize, ["max_position_embeddings"] = Config.MaxPositions,
            ["type_vocab_size"] = Config.TypeVocabSize, ["layer_norm_eps"] = Config.LayerNormEpsilon,
            ["hidden_dropout_prob"] = Config.HiddenDropout, ["attention_probs_dropout_prob"] = Config.AttentionDropout,
            ["hidden_act"] = Config.HiddenActivation,
        };

    /// <summary>
    /// A float32 encoder with the weights of a PyTorch <c>BertModel</c> exported to ONNX, read from
    /// <paramref name="model"/> (see <see cref="OnnxModelReader"/>); the pooler's weights are not used.
    /// </summary>
    /// <param name="model">the model.onnx bytes</param>
    /// <param name="config">its sizes (the heads cannot be read from the weights); every tensor's shape is checked
    /// against them</param>
    /// <param name="source">the file's name, for error messages</param>
    /// <remarks>Weights are found by Hugging Face's names (<c>embeddings.word_embeddings.weight</c>,
    /// <c>encoder.layer.0.attention.self.query.bias</c>, …); the linear matrices, exported as anonymous (in, out)
    /// MatMul operands, are named by <see cref="OnnxModel.NamedWeights"/>. A missing tensor or a shape that differs
    /// is an error naming the file and the tensor.</remarks>
    public static BertEncoder FromOnnx(Stream model, BertConfig config, string source = "model.onnx")
    {
        var onnx = OnnxModelReader.Read(model, source);
        var weights = onnx.NamedWeights();
        var encoder = new BertEncoder(config);
        encoder.Build([SymbolicShape.Batched([null]), SymbolicShape.Batched([null])]);
        void Load(Weight target, string name)
        {
            var value = weights.TryGetValue(name, out var v) ? v
                : throw new InvalidDataException($"{source}: no tensor '{name}' (for {target.Path})");
            // A head-split kernel, (hidden, heads, head size) or (heads, head size, hidden), holds the (in, out)
            // matrix in C order: the sizes agree, and so does the first or the last axis.
            bool fits = value.Shape.Size == target.Shape.Size
                && (value.Rank == 1 || value.Shape[0] == target.Shape[0] || value.Shape[-1] == target.Shape[-1]);
            if (!fits)
                throw new InvalidDataException(
                    $"{source}: tensor '{name}' has shape {value.Shape}, but {target.Path} is {target.Shape} " +
                    $"(for {config})");
            target.Assign(value.Reshape(target.Shape.ToArray()));
        }
        Load(encoder.WordEmbeddings.Embeddings!, "embeddings.word_embeddings.weight");
        Load(encoder.PositionEmbeddings.Embeddings!, "embeddings.position_embeddings.weight");
        Load(encoder.TokenTypeEmbeddings.Embeddings!, "embeddings.token_type_embeddings.weight");
        LoadModule("embeddings.LayerNorm", encoder.EmbeddingsNorm.Gamma!, encoder.EmbeddingsNorm.Beta!);
        for (int i = 0; i < encoder.Blocks.Count; i++)
        {
            var block = encoder.Blocks[i];
            var attention = block.Attention;
            string prefix = $"encoder.layer.{i}.";
            foreach (var (projection, module) in new[]
                         { (attention.Query!, "query"), (attention.Key!, "key"), (attention.Value!, "value") })
                LoadModule($"{prefix}attention.self.{module}", projection.Kernel, projection.Bias!);
            LoadModule($"{prefix}attention.output.dense", attention.AttentionOutput!.Kernel,
                attention.AttentionOutput.Bias!);
            LoadModule($"{prefix}attention.output.LayerNorm", block.AttentionNorm.Gamma!, block.AttentionNorm.Beta!);
            LoadModule($"{prefix}intermediate.dense", block.Intermediate.Kernel!, block.Intermediate.Bias!);
            LoadModule($"{prefix}output.dense", block.Output.Kernel!, block.Output.Bias!);
            LoadModule($"{prefix}output.LayerNorm", block.OutputNorm.Gamma!, block.OutputNorm.Beta!);
        }
        return encoder;

        // A Hugging Face module's weight and bias (a LayerNorm's γ and β, a linear layer's kernel and bias).
        void LoadModule(string module, Weight weight, Weight bias)
        {
            Load(weight, $"{module}.weight");
            Load(bias, $"{module}.bias");
        }
    }
}

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
        var weights = OnnxModelReader.Read(model, source).NamedWeights();
        return FromWeights(config, name => weights.GetValueOrDefault(name), linearOutIn: false, source);
    }

    /// <summary>
    /// A float32 encoder from a Hugging Face checkpoint folder (what <c>save_pretrained</c> writes, or a snapshot
    /// of a Hub repository): its sizes from <c>config.json</c> (<see cref="BertConfig.FromJson"/>), its weights from
    /// <c>model.safetensors</c> by <c>BertModel</c>'s names.
    /// </summary>
    /// <param name="folder">the folder holding config.json and model.safetensors</param>
    /// <remarks>
    /// <para>Each name is looked up as it is (<c>embeddings.word_embeddings.weight</c>, a <c>BertModel</c>'s) and
    /// with the <c>bert.</c> prefix (<c>bert.embeddings.word_embeddings.weight</c>, a
    /// <c>BertForSequenceClassification</c>'s, <c>BertForMaskedLM</c>'s, …); a LayerNorm's <c>weight</c> and
    /// <c>bias</c> are also found as <c>gamma</c> and <c>beta</c>, the names of checkpoints converted from
    /// TensorFlow (bert-base-uncased's, for example). Tensors the encoder has no use for — the pooler, a
    /// classifier or language-model head, <c>embeddings.position_ids</c> — are ignored.</para>
    /// <para>A linear layer's <c>weight</c> is stored as PyTorch keeps it, (out, in), and is transposed into the
    /// (in, out) kernel; embeddings, biases and LayerNorm parameters are taken as they are.</para>
    /// <para>Weights must be float32 (F32): a float16 or bfloat16 file is refused by
    /// <see cref="SafeTensorsFile.Read"/> with <see cref="NotSupportedException"/> naming the tensor and its dtype,
    /// as is a tensor of another dtype here. A missing file throws <see cref="FileNotFoundException"/>, a missing
    /// tensor or a shape that differs from the config's <see cref="InvalidDataException"/>, each naming the file
    /// (and the tensor).</para>
    /// <para>The folder's <c>vocab.txt</c> is not read here: it is the tokenizer's
    /// (<c>WordPieceTokenizer.FromFile</c>).</para>
    /// </remarks>
    public static BertEncoder FromPretrained(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"bert: no checkpoint folder {folder}");
        var config = BertConfig.FromJson(Path.Combine(folder, "config.json"));
        string path = Path.Combine(folder, "model.safetensors");
        if (!File.Exists(path))
            throw new FileNotFoundException($"bert: {path} is missing (the checkpoint's weights)", path);
        var file = SafeTensorsFile.Read(path);
        return FromWeights(config, name => CheckpointTensor(file, name), linearOutIn: true, path);
    }

    /// <summary>The tensor <paramref name="name"/> (a BertModel name) of a checkpoint, under its own name, with
    /// the <c>bert.</c> prefix, or with a LayerNorm's TensorFlow name (gamma, beta); null when it has none.</summary>
    private static Tensor<float>? CheckpointTensor(SafeTensorsContents file, string name)
    {
        string? tensorFlow = name.EndsWith(".LayerNorm.weight", StringComparison.Ordinal)
            ? name[..^"weight".Length] + "gamma"
            : name.EndsWith(".LayerNorm.bias", StringComparison.Ordinal) ? name[..^"bias".Length] + "beta" : null;
        string[] spellings = tensorFlow is null ? [name] : [name, tensorFlow];
        var tensor = spellings.SelectMany(n => new[] { n, "bert." + n })
            .Select(n => file.TryGet(n, out var t) ? t : null).FirstOrDefault(t => t is not null);
        if (tensor is null) return null;
        return tensor.DType == SafeTensorDType.F32 ? tensor.ToTensor<float>()
            : throw new NotSupportedException(
                $"bert: {file.Path}: tensor '{tensor.Name}' is {tensor.DType}; the encoder reads F32 weights");
    }

    /// <summary>
    /// An encoder of <paramref name="config"/> built and given the weights <paramref name="lookup"/> finds by
    /// Hugging Face's <c>BertModel</c> names (null for a missing one).
    /// </summary>
    /// <param name="config">the sizes; every tensor's shape is checked against them</param>
    /// <param name="lookup">a weight by name, null when the source has none</param>
    /// <param name="linearOutIn">the linear layers' matrices are stored (out, in), PyTorch's <c>weight</c>, and
    /// are transposed into the (in, out) kernels; otherwise they are (in, out) already (an ONNX export's)</param>
    /// <param name="source">the file's name, for error messages</param>
    private static BertEncoder FromWeights(BertConfig config, Func<string, Tensor<float>?> lookup, bool linearOutIn,
        string source)
    {
        var encoder = new BertEncoder(config);
        encoder.Build([SymbolicShape.Batched([null]), SymbolicShape.Batched([null])]);
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
                LoadModule($"{prefix}attention.self.{module}", projection.Kernel, projection.Bias!, linear: true);
            LoadModule($"{prefix}attention.output.dense", attention.AttentionOutput!.Kernel,
                attention.AttentionOutput.Bias!, linear: true);
            LoadModule($"{prefix}attention.output.LayerNorm", block.AttentionNorm.Gamma!, block.AttentionNorm.Beta!);
            LoadModule($"{prefix}intermediate.dense", block.Intermediate.Kernel!, block.Intermediate.Bias!,
                linear: true);
            LoadModule($"{prefix}output.dense", block.Output.Kernel!, block.Output.Bias!, linear: true);
            LoadModule($"{prefix}output.LayerNorm", block.OutputNorm.Gamma!, block.OutputNorm.Beta!);
        }
        return encoder;

        // A Hugging Face module's weight and bias (a LayerNorm's γ and β, a linear layer's kernel and bias).
        void LoadModule(string module, Weight weight, Weight bias, bool linear = false)
        {
            Load(weight, $"{module}.weight", linear);
            Load(bias, $"{module}.bias");
        }

        void Load(Weight target, string name, bool linear = false)
        {
            var stored = lookup(name)
                ?? throw new InvalidDataException($"{source}: no tensor '{name}' (for {target.Path})");
            bool transpose = linear && linearOutIn;
            var value = transpose && stored.Rank == 2 ? stored.Transpose() : stored;
            // A head-split kernel, (hidden, heads, head size) or (heads, head size, hidden), holds the (in, out)
            // matrix in C order: the sizes agree, and so does the first or the last axis.
            bool fits = (!transpose || stored.Rank == 2) && value.Shape.Size == target.Shape.Size
                && (value.Rank == 1 || value.Shape[0] == target.Shape[0] || value.Shape[-1] == target.Shape[-1]);
            if (!fits)
                throw new InvalidDataException(
                    $"{source}: tensor '{name}' has shape {stored.Shape}{(transpose ? " (stored out, in)" : "")}, " +
                    $"but {target.Path} is {target.Shape} (for {config})");
            target.Assign(value.Reshape(target.Shape.ToArray()));
        }
    }
}

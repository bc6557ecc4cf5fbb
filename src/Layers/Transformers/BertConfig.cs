using System.Text.Json;

namespace DeepSeq.Layers;

/// <summary>The sizes of a BERT encoder (Hugging Face's <c>BertConfig</c>, the fields an encoder needs).</summary>
/// <param name="VocabSize">word-piece vocabulary (<c>vocab_size</c>)</param>
/// <param name="HiddenSize">width of every token's vector (<c>hidden_size</c>), a multiple of the heads</param>
/// <param name="NumLayers">encoder blocks (<c>num_hidden_layers</c>)</param>
/// <param name="NumHeads">attention heads per block (<c>num_attention_heads</c>)</param>
/// <param name="IntermediateSize">width of each block's feed-forward layer (<c>intermediate_size</c>)</param>
/// <param name="MaxPositions">longest sequence, the rows of the position table
/// (<c>max_position_embeddings</c>)</param>
/// <param name="TypeVocabSize">segment (token type) ids (<c>type_vocab_size</c>)</param>
/// <param name="LayerNormEpsilon">ε of every LayerNorm (<c>layer_norm_eps</c>)</param>
/// <param name="HiddenDropout">dropout after the embeddings and every sublayer while training
/// (<c>hidden_dropout_prob</c>)</param>
/// <param name="AttentionDropout">dropout on attention probabilities while training
/// (<c>attention_probs_dropout_prob</c>)</param>
/// <param name="HiddenActivation">the feed-forward activation (<c>hidden_act</c>): <c>gelu</c> (erf) or
/// <c>gelu_tanh</c></param>
public sealed record BertConfig(int VocabSize = 30522, int HiddenSize = 768, int NumLayers = 12, int NumHeads = 12,
    int IntermediateSize = 3072, int MaxPositions = 512, int TypeVocabSize = 2, double LayerNormEpsilon = 1e-12,
    double HiddenDropout = 0.1, double AttentionDropout = 0.1, string HiddenActivation = "gelu")
{
    /// <summary>sentence-transformers/all-MiniLM-L6-v2: 6 blocks of width 384, 12 heads of 32, feed-forward
    /// 1536.</summary>
    public static BertConfig AllMiniLmL6V2 { get; } = new(HiddenSize: 384, NumLayers: 6, IntermediateSize: 1536);

    /// <summary>
    /// The sizes in a Hugging Face <c>config.json</c>, by <c>BertConfig</c>'s field names: <c>vocab_size</c>,
    /// <c>hidden_size</c>, <c>num_hidden_layers</c>, <c>num_attention_heads</c> and <c>intermediate_size</c> are
    /// required; <c>max_position_embeddings</c> (512), <c>type_vocab_size</c> (2), <c>layer_norm_eps</c> (1e-12),
    /// <c>hidden_dropout_prob</c> and <c>attention_probs_dropout_prob</c> (0.1) and <c>hidden_act</c>
    /// (<c>gelu</c>) take Hugging Face's defaults when absent. Other fields are ignored.
    /// </summary>
    /// <remarks>
    /// <para><c>hidden_act</c> maps to DeepSeq's activations: <c>gelu</c> (erf), <c>gelu_new</c>,
    /// <c>gelu_pytorch_tanh</c> and <c>gelu_tanh</c> (the tanh approximation), <c>relu</c>, <c>tanh</c>.</para>
    /// <para>Refused, with an <see cref="InvalidDataException"/> naming the file and the field: a missing required
    /// field, a field of the wrong JSON kind (a string for a size), a <c>model_type</c> other than <c>bert</c> (a
    /// RoBERTa or DistilBERT config names and lays out its weights differently), a
    /// <c>position_embedding_type</c> other than <c>absolute</c>, an activation not in the list above, and sizes no
    /// BERT can have. A missing file throws <see cref="FileNotFoundException"/>.</para>
    /// </remarks>
    /// <param name="path">the config.json file</param>
    public static BertConfig FromJson(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"bert: {path} is missing (the checkpoint's config)", path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"bert: {path} is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"bert: {path} holds a JSON {root.ValueKind}, not an object");
            InvalidDataException Bad(string field, string what) => new($"bert: {path}: '{field}' {what}");
            JsonElement? Field(string field, JsonValueKind kind)
            {
                if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
                return value.ValueKind == kind ? value
                    : throw Bad(field, $"must be a JSON {kind.ToString().ToLowerInvariant()}, " +
                        $"got {value.GetRawText()}");
            }
            int Int(string field, int? fallback = null)
            {
                if (Field(field, JsonValueKind.Number) is not { } value)
                    return fallback ?? throw Bad(field, "is missing; a BERT config must give it");
                return value.TryGetInt32(out int n) ? n : throw Bad(field, $"must be a whole number, got {value}");
            }
            double Real(string field, double fallback) => Field(field, JsonValueKind.Number)?.GetDouble() ?? fallback;
            string Text(string field, string fallback) => Field(field, JsonValueKind.String)?.GetString() ?? fallback;

            string modelType = Text("model_type", "bert");
            if (modelType != "bert")
                throw Bad("model_type", $"is '{modelType}'; only BERT checkpoints (\"bert\") are read");
            string positions = Text("position_embedding_type", "absolute");
            if (positions != "absolute")
                throw Bad("position_embedding_type", $"is '{positions}'; only \"absolute\" positions are supported");
            string act = Text("hidden_act", "gelu");
            string activation = act switch
            {
                "gelu" or "relu" or "tanh" or "gelu_tanh" => act,
                "gelu_new" or "gelu_pytorch_tanh" => "gelu_tanh",
                _ => throw Bad("hidden_act", $"is '{act}'; supported: gelu, gelu_new, gelu_pytorch_tanh, relu, tanh"),
            };
            var config = new BertConfig(Int("vocab_size"), Int("hidden_size"), Int("num_hidden_layers"),
                Int("num_attention_heads"), Int("intermediate_size"), Int("max_position_embeddings", 512),
                Int("type_vocab_size", 2), Real("layer_norm_eps", 1e-12), Real("hidden_dropout_prob", 0.1),
                Real("attention_probs_dropout_prob", 0.1), activation);
            try
            {
                return config.Validated();
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"bert: {path}: {e.Message}", e);
            }
        }
    }

    /// <summary>The size of each head's queries, keys and values: hidden / heads.</summary>
    public int HeadSize => HiddenSize / NumHeads;

    /// <summary>Throws a clear error on sizes no BERT can have.</summary>
    public BertConfig Validated()
    {
        if (VocabSize < 1 || HiddenSize < 1 || NumLayers < 0 || NumHeads < 1 || IntermediateSize < 1
            || MaxPositions < 1 || TypeVocabSize < 1)
            throw new ArgumentException($"bert: every size must be at least 1 (layers at least 0), got {this}");
        if (HiddenSize % NumHeads != 0)
            throw new ArgumentException(
                $"bert: hidden size {HiddenSize} is not a multiple of the {NumHeads} attention heads");
        return this;
    }
}

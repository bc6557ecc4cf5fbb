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

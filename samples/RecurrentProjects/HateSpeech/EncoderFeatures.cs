using DeepSeq.Autograd;
using DeepSeq.Data;
using DeepSeq.Layers;

namespace DeepSeq.Samples.RecurrentProjects.HateSpeech;

/// <summary>
/// The frozen encoder's last hidden states of every tweet, computed once in inference mode under NoGrad:
/// (tweets, L, hidden), L the longest tokenised tweet (at most <see cref="MaxTokens"/>), padded steps zeros (so a
/// <see cref="Masking"/> layer marks them).
/// </summary>
/// <remarks>The tweets are encoded in batches of similar length (sorted by token count), so little is computed for
/// padding; each row is written back at its tweet's index.</remarks>
public static class EncoderFeatures
{
    /// <summary>Tokens per tweet, [CLS] and [SEP] included; longer tweets are cut (and counted).</summary>
    public const int MaxTokens = 64;

    /// <summary>The hidden states of <paramref name="texts"/> and how many were cut to <see cref="MaxTokens"/>.
    /// </summary>
    public static (Tensor<float> Features, int Truncated) Compute(BertEncoder encoder, WordPieceTokenizer tokenizer,
        IReadOnlyList<string> texts, int batchSize, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(texts);
        int[] lengths = [.. texts.Select(t => tokenizer.Encode(t, int.MaxValue).Length)];
        int truncated = lengths.Count(l => l > MaxTokens);
        int steps = Math.Min(MaxTokens, lengths.DefaultIfEmpty(2).Max()), hidden = encoder.Config.HiddenSize;
        int[] order = [.. Enumerable.Range(0, texts.Count).OrderBy(i => lengths[i])];
        var features = new float[(long)texts.Count * steps * hidden];
        using (GradMode.NoGrad())
            for (int start = 0; start < order.Length; start += batchSize)
            {
                int[] rows = order[start..Math.Min(order.Length, start + batchSize)];
                var batch = tokenizer.EncodeBatch([.. rows.Select(r => texts[r])], MaxTokens);
                var shape = new Shape(batch.Count, batch.Length);
                Variable<float> Input(int[] v) => new(Tensor.FromArray<float>([.. v.Select(x => (float)x)], shape));
                var states = encoder.Call<float>([Input(batch.InputIds), Input(batch.AttentionMask),
                    Input(batch.TokenTypeIds)], training: false)[0].Data.ToArray();
                for (int b = 0; b < rows.Length; b++)
                    for (int t = 0; t < batch.Length && batch.AttentionMask[b * batch.Length + t] == 1; t++)
                        Array.Copy(states, ((long)b * batch.Length + t) * hidden, features,
                            ((long)rows[b] * steps + t) * hidden, hidden);
                if ((start / batchSize) % 100 == 0)
                    progress.WriteLine($"  encoded {start + rows.Length:N0} of {texts.Count:N0} tweets");
            }
        // Wrapped, not copied: the states of 24,783 tweets are 2.4 GB.
        return (Tensor.Wrap(features, new Shape(texts.Count, steps, hidden)), truncated);
    }
}

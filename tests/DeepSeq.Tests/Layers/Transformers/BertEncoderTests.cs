using System.Diagnostics;
using DeepSeq.Autograd;
using DeepSeq.Layers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Layers.Transformers;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// DeepSeq's BERT encoder loaded from the real all-MiniLM-L6-v2 (src/Layers/Transformers/BertEncoder.cs and
/// src/Layers/Saving/OnnxModelReader.cs) against ONNX Runtime running the same model.onnx: the last hidden states of
/// a padded batch of sentences, one of them a sentence pair with token types 1, agree to 1e-4.
/// </summary>
public sealed class BertEncoderTests(ITestOutputHelper output)
{
    private const int Cls = 101, Sep = 102, Pad = 0;

    /// <summary>Sentences of whole words of the uncased vocabulary (each is looked up, so a word that is not one
    /// piece fails the test instead of being split silently); the last is a pair, its second half of type 1.</summary>
    private static readonly string[][] Sentences =
    [
        ["the quick brown fox jumps over the lazy dog"],
        ["attention is all you need"],
        ["a library that learners read and people use for real"],
        ["is this a question", "yes it is a question"],
    ];

    [Fact]
    public void Last_hidden_state_matches_onnx_runtime_on_minilm()
    {
        var (ids, mask, types, batch, steps) = Batch(MiniLm.Vocabulary());
        using var session = new InferenceSession(MiniLm.Model);
        long[] dims = [batch, steps];
        var feeds = new[]
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, [batch, steps])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, [batch, steps])),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, [batch, steps])),
        };
        using var results = session.Run(feeds);
        float[] expected = results.Single(r => r.Name == "last_hidden_state").AsTensor<float>().ToArray();

        var clock = Stopwatch.StartNew();
        var encoder = BertEncoder.FromOnnx(new MemoryStream(MiniLm.Model), BertConfig.AllMiniLmL6V2);
        long loadMs = clock.ElapsedMilliseconds;
        clock.Restart();
        Variable<float> Input(long[] values) => new(Tensor.FromArray<float>(values.Select(v => (float)v).ToArray(),
            new Shape(batch, steps)));
        Variable<float> hidden;
        using (GradMode.NoGrad())
            hidden = encoder.Call<float>([Input(ids), Input(mask), Input(types)])[0];
        long forwardMs = clock.ElapsedMilliseconds;

        Assert.Equal([batch, steps, 384], hidden.Shape.ToArray());
        float[] actual = hidden.Data.ToArray();
        double worst = actual.Zip(expected, (a, e) => Math.Abs((double)a - e)).Max();
        output.WriteLine($"max |Δ| = {worst:E2} over {actual.Length} values; load {loadMs} ms, forward {forwardMs} ms");
        Assert.True(worst <= 1e-4, $"max |Δ| of last_hidden_state = {worst:E3}, above 1e-4");
        Assert.True(expected.Max(Math.Abs) > 1, "the reference output is not trivially small");
    }

    /// <summary>[CLS] words [SEP] (words [SEP]) per sentence, padded to the longest; ids, mask and token types as
    /// int64 in C order.</summary>
    private static (long[] Ids, long[] Mask, long[] Types, int Batch, int Steps) Batch(IReadOnlyList<string> vocabulary)
    {
        var index = vocabulary.Select((word, id) => (word, id)).ToDictionary(p => p.word, p => p.id);
        var rows = Sentences.Select(parts =>
        {
            var row = new List<(long Id, long Type)> { (Cls, 0) };
            for (int p = 0; p < parts.Length; p++)
            {
                foreach (string word in parts[p].Split(' '))
                    row.Add((index.TryGetValue(word, out int id) ? id
                        : throw new InvalidDataException($"'{word}' is not one word piece of the vocabulary"), p));
                row.Add((Sep, p));
            }
            return row;
        }).ToArray();
        int steps = rows.Max(r => r.Count);
        var (ids, mask, types) = (new long[rows.Length * steps], new long[rows.Length * steps], new long[rows.Length * steps]);
        for (int b = 0; b < rows.Length; b++)
            for (int t = 0; t < steps; t++)
            {
                bool real = t < rows[b].Count;
                ids[b * steps + t] = real ? rows[b][t].Id : Pad;
                mask[b * steps + t] = real ? 1 : 0;
                types[b * steps + t] = real ? rows[b][t].Type : 0;
            }
        return (ids, mask, types, rows.Length, steps);
    }
}

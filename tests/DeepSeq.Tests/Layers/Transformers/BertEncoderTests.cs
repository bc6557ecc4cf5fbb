using System.Diagnostics;
using System.Text.RegularExpressions;
using DeepSeq.Autograd;
using DeepSeq.Layers;
using DeepSeq.Layers.Saving;
using DeepSeq.Tests.Layers.Saving;
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
/// a padded batch of sentences, one of them a sentence pair with token types 1, agree to 1e-4 — whether the encoder
/// was read from model.onnx (<see cref="BertEncoder.FromOnnx"/>) or from the same weights written as a Hugging Face
/// checkpoint folder (<see cref="BertEncoder.FromPretrained"/>: config.json, model.safetensors with PyTorch's
/// (out, in) linear weights, vocab.txt), with and without the <c>bert.</c> prefix; and FromPretrained's errors.
/// </summary>
public sealed class BertEncoderTests(ITestOutputHelper output) : IDisposable
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

    /// <summary>all-MiniLM-L6-v2's config.json as the Hub holds it.</summary>
    private const string MiniLmConfig = """
        {
          "_name_or_path": "nreimers/MiniLM-L6-H384-uncased", "architectures": ["BertModel"],
          "attention_probs_dropout_prob": 0.1, "gradient_checkpointing": false, "hidden_act": "gelu",
          "hidden_dropout_prob": 0.1, "hidden_size": 384, "initializer_range": 0.02, "intermediate_size": 1536,
          "layer_norm_eps": 1e-12, "max_position_embeddings": 512, "model_type": "bert", "num_attention_heads": 12,
          "num_hidden_layers": 6, "pad_token_id": 0, "position_embedding_type": "absolute",
          "transformers_version": "4.8.2", "type_vocab_size": 2, "use_cache": true, "vocab_size": 30522
        }
        """;

    /// <summary>The batch of <see cref="Sentences"/> and ONNX Runtime's last_hidden_state for it, computed
    /// once.</summary>
    private static readonly Lazy<(long[] Ids, long[] Mask, long[] Types, int Batch, int Steps, float[] Expected)>
        Reference = new(() =>
        {
            var (ids, mask, types, batch, steps) = Batch(MiniLm.Vocabulary());
            using var session = new InferenceSession(MiniLm.Model);
            var feeds = new[]
            {
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, [batch, steps])),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, [batch, steps])),
                NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, [batch, steps])),
            };
            using var results = session.Run(feeds);
            float[] expected = results.Single(r => r.Name == "last_hidden_state").AsTensor<float>().ToArray();
            return (ids, mask, types, batch, steps, expected);
        });

    /// <summary>model.onnx's weights by Hugging Face's names (the linear matrices (in, out)), read once.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, Tensor<float>>> OnnxWeights =
        new(() => OnnxModelReader.Read(new MemoryStream(MiniLm.Model)).NamedWeights());

    private readonly string _folder = Directory.CreateTempSubdirectory("deepseq-bert-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Last_hidden_state_matches_onnx_runtime_on_minilm()
    {
        var clock = Stopwatch.StartNew();
        var encoder = BertEncoder.FromOnnx(new MemoryStream(MiniLm.Model), BertConfig.AllMiniLmL6V2);
        output.WriteLine($"FromOnnx: {clock.ElapsedMilliseconds} ms");
        AssertMatchesOnnxRuntime(encoder);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void From_pretrained_matches_onnx_runtime_on_minilm(bool prefixed)
    {
        WriteCheckpoint(prefixed);
        var clock = Stopwatch.StartNew();
        var encoder = BertEncoder.FromPretrained(_folder);
        output.WriteLine($"FromPretrained (bert. prefix: {prefixed}): {clock.ElapsedMilliseconds} ms");
        Assert.Equal(BertConfig.AllMiniLmL6V2, encoder.Config);
        AssertMatchesOnnxRuntime(encoder);
    }

    [Fact]
    public void From_pretrained_finds_layer_norms_by_their_tensorflow_names()
    {
        WriteCheckpoint(prefixed: true, rename: name => Regex.Replace(name, @"LayerNorm\.weight$", "LayerNorm.gamma")
            .Replace("LayerNorm.bias", "LayerNorm.beta"));
        AssertMatchesOnnxRuntime(BertEncoder.FromPretrained(_folder));
    }

    [Fact]
    public void A_linear_weight_stored_in_out_instead_of_out_in_is_an_error_naming_the_tensor()
    {
        const string name = "encoder.layer.3.intermediate.dense.weight";
        WriteCheckpoint(prefixed: false, tamper: (n, t) => n == name ? t.Transpose() : t);
        var e = Assert.Throws<InvalidDataException>(() => BertEncoder.FromPretrained(_folder));
        Assert.Contains("model.safetensors", e.Message);
        Assert.Contains($"'{name}' has shape {new Shape(384, 1536)} (stored out, in)", e.Message);
    }

    [Fact]
    public void A_missing_tensor_is_an_error_naming_the_file_and_the_tensor()
    {
        const string name = "encoder.layer.5.output.LayerNorm.bias";
        WriteCheckpoint(prefixed: true, tamper: (n, t) => n == name ? null : t);
        var e = Assert.Throws<InvalidDataException>(() => BertEncoder.FromPretrained(_folder));
        Assert.Contains(Path.Combine(_folder, "model.safetensors"), e.Message);
        Assert.Contains($"no tensor '{name}'", e.Message);
    }

    [Fact]
    public void Missing_files_are_file_not_found_errors_naming_the_path()
    {
        var noWeights = Assert.Throws<FileNotFoundException>(() => BertEncoder.FromPretrained(WriteConfig()));
        Assert.Equal(Path.Combine(_folder, "model.safetensors"), noWeights.FileName);
        Assert.Contains(noWeights.FileName!, noWeights.Message);

        File.Delete(Path.Combine(_folder, "config.json"));
        var noConfig = Assert.Throws<FileNotFoundException>(() => BertEncoder.FromPretrained(_folder));
        Assert.Equal(Path.Combine(_folder, "config.json"), noConfig.FileName);
        Assert.Contains(noConfig.FileName!, noConfig.Message);

        string nowhere = Path.Combine(_folder, "no-such-checkpoint");
        Assert.Contains(nowhere, Assert.Throws<DirectoryNotFoundException>(() => BertEncoder.FromPretrained(nowhere))
            .Message);
    }

    [Fact]
    public void A_missing_config_field_is_an_error_naming_config_json_and_the_field()
    {
        WriteCheckpoint(prefixed: false);
        File.WriteAllText(Path.Combine(_folder, "config.json"),
            MiniLmConfig.Replace("\"num_attention_heads\": 12,", ""));
        var e = Assert.Throws<InvalidDataException>(() => BertEncoder.FromPretrained(_folder));
        Assert.Contains("config.json", e.Message);
        Assert.Contains("'num_attention_heads' is missing", e.Message);
    }

    [Theory]
    [InlineData("BF16")]
    [InlineData("F16")]
    [InlineData("F64")]
    public void Weights_other_than_float32_are_refused_naming_the_dtype(string dtype)
    {
        int size = dtype == "F64" ? 8 : 2;
        string header = $"{{\"embeddings.word_embeddings.weight\":{{\"dtype\":\"{dtype}\",\"shape\":[2]," +
            $"\"data_offsets\":[0,{2 * size}]}}}}";
        File.WriteAllBytes(Path.Combine(WriteConfig(), "model.safetensors"),
            SafeTensorsBytes.FileBytes(header, new byte[2 * size]));
        var e = Assert.Throws<NotSupportedException>(() => BertEncoder.FromPretrained(_folder));
        Assert.Contains("embeddings.word_embeddings.weight", e.Message);
        Assert.Contains(dtype, e.Message);
    }

    /// <summary>Runs <paramref name="encoder"/> on the reference batch and compares its last hidden state with ONNX
    /// Runtime's.</summary>
    private void AssertMatchesOnnxRuntime(BertEncoder encoder)
    {
        var (ids, mask, types, batch, steps, expected) = Reference.Value;
        var clock = Stopwatch.StartNew();
        Variable<float> Input(long[] values) => new(Tensor.FromArray<float>(values.Select(v => (float)v).ToArray(),
            new Shape(batch, steps)));
        Variable<float> hidden;
        using (GradMode.NoGrad())
            hidden = encoder.Call<float>([Input(ids), Input(mask), Input(types)])[0];
        long forwardMs = clock.ElapsedMilliseconds;

        Assert.Equal([batch, steps, 384], hidden.Shape.ToArray());
        float[] actual = hidden.Data.ToArray();
        double worst = actual.Zip(expected, (a, e) => Math.Abs((double)a - e)).Max();
        output.WriteLine($"max |Δ| = {worst:E2} over {actual.Length} values; forward {forwardMs} ms");
        Assert.True(worst <= 1e-4, $"max |Δ| of last_hidden_state = {worst:E3}, above 1e-4");
        Assert.True(expected.Max(Math.Abs) > 1, "the reference output is not trivially small");
    }

    /// <summary>config.json (MiniLM's) in the scratch folder; returns the folder.</summary>
    private string WriteConfig()
    {
        File.WriteAllText(Path.Combine(_folder, "config.json"), MiniLmConfig);
        return _folder;
    }

    /// <summary>
    /// MiniLM's weights in the scratch folder as a Hugging Face checkpoint: config.json, vocab.txt and
    /// model.safetensors with BertModel's names (<c>bert.</c>-prefixed when <paramref name="prefixed"/>, as a
    /// BertForSequenceClassification saves them, with its classifier beside), the linear weights (out, in), and
    /// the tensors the encoder does not use (<c>embeddings.position_ids</c>, the pooler) included.
    /// </summary>
    /// <param name="prefixed">prefix the names with <c>bert.</c></param>
    /// <param name="tamper">changes a tensor (by its BertModel name) before it is written, or drops it (null)</param>
    /// <param name="rename">renames a tensor (its BertModel name) before the prefix</param>
    private void WriteCheckpoint(bool prefixed, Func<string, Tensor<float>, Tensor<float>?>? tamper = null,
        Func<string, string>? rename = null)
    {
        WriteConfig();
        File.WriteAllLines(Path.Combine(_folder, "vocab.txt"), MiniLm.Vocabulary());
        string prefix = prefixed ? "bert." : "";
        var tensors = new List<SafeTensor>();
        foreach (var (name, weight) in OnnxWeights.Value)
        {
            if (!name.StartsWith("embeddings.", StringComparison.Ordinal)
                && !name.StartsWith("encoder.", StringComparison.Ordinal)
                && !name.StartsWith("pooler.", StringComparison.Ordinal)) continue;
            // PyTorch's nn.Linear keeps its weight (out, in); the ONNX export holds the (in, out) MatMul operand.
            bool linear = Regex.IsMatch(name, @"\.(query|key|value|dense)\.weight$");
            var value = linear ? weight.Transpose() : weight;
            if ((tamper is null ? value : tamper(name, value)) is not { } stored) continue;
            tensors.Add(SafeTensor.From(prefix + (rename?.Invoke(name) ?? name), stored));
        }
        tensors.Add(SafeTensor.From(prefix + "embeddings.position_ids",
            Tensor.FromArray<long>([.. Enumerable.Range(0, 512).Select(i => (long)i)], new Shape(1, 512))));
        if (prefixed)
        {
            tensors.Add(SafeTensor.From("classifier.weight", Tensor.Zeros<float>(new Shape(2, 384))));
            tensors.Add(SafeTensor.From("classifier.bias", Tensor.Zeros<float>(new Shape(2))));
        }
        SafeTensorsFile.Write(Path.Combine(_folder, "model.safetensors"), tensors,
            new Dictionary<string, string> { ["format"] = "pt" });
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
        var (ids, mask, types) = (new long[rows.Length * steps], new long[rows.Length * steps],
            new long[rows.Length * steps]);
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

using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Transformers;

/// <summary>
/// <see cref="BertConfig.FromJson"/> (src/Layers/Transformers/BertConfig.cs): Hugging Face's config.json fields,
/// their defaults, and a clear error naming the file and the field for each way a config can be wrong.
/// </summary>
public sealed class BertConfigTests : IDisposable
{
    private const string Required =
        "\"vocab_size\": 100, \"hidden_size\": 8, \"num_hidden_layers\": 2, \"num_attention_heads\": 4, " +
        "\"intermediate_size\": 16";

    private readonly string _folder = Directory.CreateTempSubdirectory("deepseq-bert-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string fields)
    {
        string path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, $"{{ {fields} }}");
        return path;
    }

    [Fact]
    public void Every_field_is_read_by_its_hugging_face_name()
    {
        var config = BertConfig.FromJson(Write(Required + ", \"max_position_embeddings\": 64, " +
            "\"type_vocab_size\": 3, \"layer_norm_eps\": 1e-5, \"hidden_dropout_prob\": 0.2, " +
            "\"attention_probs_dropout_prob\": 0.3, \"hidden_act\": \"relu\", \"model_type\": \"bert\", " +
            "\"architectures\": [\"BertForSequenceClassification\"], \"pad_token_id\": 0"));
        Assert.Equal(new BertConfig(100, 8, 2, 4, 16, 64, 3, 1e-5, 0.2, 0.3, "relu"), config);
    }

    [Fact]
    public void Optional_fields_take_hugging_face_defaults()
        => Assert.Equal(new BertConfig(100, 8, 2, 4, 16, MaxPositions: 512, TypeVocabSize: 2, LayerNormEpsilon: 1e-12,
                HiddenDropout: 0.1, AttentionDropout: 0.1, HiddenActivation: "gelu"),
            BertConfig.FromJson(Write(Required)));

    [Theory]
    [InlineData("vocab_size")]
    [InlineData("hidden_size")]
    [InlineData("num_hidden_layers")]
    [InlineData("num_attention_heads")]
    [InlineData("intermediate_size")]
    public void A_missing_required_field_is_an_error_naming_the_file_and_the_field(string field)
    {
        string fields = string.Join(", ", Required.Split(", ").Where(f => !f.StartsWith($"\"{field}\"")));
        string path = Write(fields);
        var e = Assert.Throws<InvalidDataException>(() => BertConfig.FromJson(path));
        Assert.Contains(path, e.Message);
        Assert.Contains($"'{field}' is missing", e.Message);
    }

    [Theory]
    [InlineData("gelu", "gelu")]
    [InlineData("gelu_new", "gelu_tanh")]
    [InlineData("gelu_pytorch_tanh", "gelu_tanh")]
    [InlineData("relu", "relu")]
    [InlineData("tanh", "tanh")]
    public void Hidden_act_maps_to_deepseq_activations(string huggingFace, string deepSeq)
        => Assert.Equal(deepSeq, BertConfig.FromJson(Write(Required + $", \"hidden_act\": \"{huggingFace}\""))
            .HiddenActivation);

    [Theory]
    [InlineData("\"hidden_size\": \"8\"", "hidden_size", "must be a JSON number")]
    [InlineData("\"num_hidden_layers\": 2.5", "num_hidden_layers", "whole number")]
    [InlineData("\"layer_norm_eps\": \"1e-12\"", "layer_norm_eps", "must be a JSON number")]
    [InlineData("\"hidden_act\": \"swish\"", "hidden_act", "'swish'")]
    [InlineData("\"model_type\": \"roberta\"", "model_type", "'roberta'")]
    [InlineData("\"position_embedding_type\": \"relative_key\"", "position_embedding_type", "'relative_key'")]
    public void A_field_bert_cannot_take_is_an_error_naming_it(string field, string name, string what)
    {
        string key = field[..(field.IndexOf(':'))];
        string fields = string.Join(", ", Required.Split(", ").Where(f => !f.StartsWith(key)).Append(field));
        string path = Write(fields);
        var e = Assert.Throws<InvalidDataException>(() => BertConfig.FromJson(path));
        Assert.Contains(path, e.Message);
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void Sizes_no_bert_can_have_are_an_error_naming_the_file()
    {
        string path = Write(Required.Replace("\"num_attention_heads\": 4", "\"num_attention_heads\": 3"));
        var e = Assert.Throws<InvalidDataException>(() => BertConfig.FromJson(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a multiple of the 3 attention heads", e.Message);
    }

    [Fact]
    public void Malformed_json_and_a_missing_file_are_clear_errors()
    {
        string path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, "{ \"vocab_size\": 100, ");
        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => BertConfig.FromJson(path)).Message);
        File.WriteAllText(path, "[1, 2]");
        Assert.Contains("not an object", Assert.Throws<InvalidDataException>(() => BertConfig.FromJson(path)).Message);
        File.Delete(path);
        Assert.Equal(path, Assert.Throws<FileNotFoundException>(() => BertConfig.FromJson(path)).FileName);
    }
}

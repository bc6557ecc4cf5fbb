using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Models;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

public class SequentialTests
{
    [Fact]
    public void Imdb_model_summary_matches_keras()
    {
        Session.SetRandomSeed(1);
        var model = new Sequential(new InputLayer([10000]), new Dense(16, "relu"), new Dense(16, "relu"), new Dense(1, "sigmoid"));
        string expected = """
            Model: "sequential"
            _________________________________________________________________
            Layer (type)                 Output Shape              Param #   
            =================================================================
            dense (Dense)                (None, 16)                160016    
            _________________________________________________________________
            dense_1 (Dense)              (None, 16)                272       
            _________________________________________________________________
            dense_2 (Dense)              (None, 1)                 17        
            =================================================================
            Total params: 160,305
            Trainable params: 160,305
            Non-trainable params: 0
            _________________________________________________________________

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), model.Summary(TextWriter.Null));
    }

    [Fact]
    public void Xor_is_learned()
    {
        Session.SetRandomSeed(3);
        var x = Tensor.FromArray<float>(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = Tensor.FromArray<float>(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        var model = new Sequential(new Dense(8, "tanh"), new Dense(1, "sigmoid"));
        model.Compile(new Adam(0.05), "binary_crossentropy", ["acc"]);
        var history = model.Fit(x, y, batchSize: 4, epochs: 300, verbose: 0);
        Assert.Equal(1.0, history["acc"][^1]);
        Assert.True(history["loss"][^1] < 0.1, $"final loss {history["loss"][^1]}");
        var p = model.Predict(x).ToArray();
        Assert.True(p[0] < 0.5 && p[1] > 0.5 && p[2] > 0.5 && p[3] < 0.5, string.Join(", ", p));
    }

    [Fact]
    public void Add_builds_the_same_weights_as_the_constructor()
    {
        Session.SetRandomSeed(5);
        var listed = new Sequential(new InputLayer([3]), new Dense(4), new Dense(2));
        Session.SetRandomSeed(5);
        var added = new Sequential(new InputLayer([3]));
        added.Add(new Dense(4));
        added.Add(new Dense(2));
        Assert.Equal(listed.GetWeights<float>().Select(w => w.ToArray()), added.GetWeights<float>().Select(w => w.ToArray()));
    }

    [Fact]
    public void A_shared_layer_is_one_summary_row_with_multiple_shapes()
    {
        Session.SetRandomSeed(6);
        var a = new Input(4);
        var b = new Input(4);
        var shared = new Dense(2, name: "shared");
        var model = new Model([a, b], [new Add().Call([shared.Call(a), shared.Call(b)])[0]]);
        string table = model.Summary(TextWriter.Null);
        Assert.Single(table.Split('\n'), line => line.StartsWith("shared (Dense)"));
        Assert.Contains("multiple", table);
        Assert.Contains("Total params: 10", table);
    }

    [Fact]
    public void An_unknown_initializer_is_refused_by_the_constructor()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dense(3, kernelInitializer: "glorot"));
        Assert.Contains("unknown initializer 'glorot'", e.Message);
        Assert.Equal("uniform", new Embedding(10, 2).EmbeddingsInitializer);   // Keras's default name, accepted
    }
}

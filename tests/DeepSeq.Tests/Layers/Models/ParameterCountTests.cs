using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Models;

/// <summary>
/// Parameter counts of the course's models (the experiments of /work/shared/EXPERIMENTS.md built only from
/// Dense, Embedding and Flatten) against the counts Keras reports: Dense (in + 1)·units, Embedding
/// input_dim·output_dim, Flatten none. Covers the weights of src/Layers/Core/Dense.cs, Embedding.cs and Flatten.cs as
/// counted by Layer.CountParams for a Sequential or functional Model.
/// </summary>
public sealed class ParameterCountTests
{
    [Fact]
    public void A1_imdb_multi_hot_classifier_has_160305()
    {
        Session.SetRandomSeed(1);
        var model = new Sequential(new InputLayer([10000]), new Dense(16, "relu"), new Dense(16, "relu"), new Dense(1, "sigmoid"));
        Assert.Equal(160_305, model.CountParams());
        Assert.Equal([160_016L, 272, 17], model.Layers.Select(l => l.CountParams()));
    }

    [Fact]
    public void A2_mnist_model_has_25450_defined_either_way()
    {
        Session.SetRandomSeed(2);
        var sequential = new Sequential(new InputLayer([784]), new Dense(32, "relu"), new Dense(10, "softmax"));
        var input = new Input(784);
        var hidden = new Dense(32, "relu").Call(input);
        var functional = new Model(input, new Dense(10, "softmax").Call(hidden));
        Assert.Equal(25_450, sequential.CountParams());
        Assert.Equal(25_450, functional.CountParams());
        Assert.Equal(new SymbolicShape(null, 10), functional.Outputs[0].Shape);
    }

    [Fact]
    public void B2_embedding_flatten_dense_has_80161()
    {
        Session.SetRandomSeed(3);
        var model = new Sequential(new Embedding(10000, 8, inputLength: 20), new Flatten(), new Dense(1, "sigmoid"));
        model.Build([new SymbolicShape(null, 20)]);
        Assert.Equal(80_161, model.CountParams());
        Assert.Equal(new SymbolicShape(null, 160), model.Layers[1].OutputShapes![0]);
    }

    [Fact]
    public void B3_embedding_100_flatten_dense_32_dense_1_has_1320065()
    {
        Session.SetRandomSeed(4);
        var model = new Sequential(new InputLayer([100]), new Embedding(10000, 100, inputLength: 100), new Flatten(), new Dense(32, "relu"), new Dense(1, "sigmoid"));
        Assert.Equal(1_320_065, model.CountParams());
        Assert.Equal(1_000_000, model.Layers[0].CountParams());
    }

    [Fact]
    public void D1_embedding_1000_by_256_has_256000_and_outputs_20_by_256()
    {
        Session.SetRandomSeed(5);
        var embedding = new Embedding(1000, 256);
        var output = embedding.Call(new Input(20));
        Assert.Equal(256_000, embedding.CountParams());
        Assert.Equal(new SymbolicShape(null, 20, 256), output.Shape);
    }

    [Fact]
    public void B9_flatten_dense_32_dense_1_on_240_steps_of_14_features_has_107585()
    {
        Session.SetRandomSeed(6);
        var model = new Sequential(new InputLayer([240, 14]), new Flatten(), new Dense(32, "relu"), new Dense(1));
        // Flatten: 240·14 = 3,360 features; Dense(32): 3,360·32 + 32 = 107,552; Dense(1): 32 + 1 = 33.
        Assert.Equal(3360 * 32 + 32 + 33, model.CountParams());
        Assert.Equal(107_585, model.CountParams());
    }
}

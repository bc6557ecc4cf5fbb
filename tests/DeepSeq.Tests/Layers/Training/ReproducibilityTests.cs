using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Training;

/// <summary>
/// One session seed fixes a whole run — initial weights, shuffles, dropout masks — so the same code twice gives the
/// same History to the last bit. Covers src/Layers/Session.cs (the seed), src/Layers/Models/Model.Training.cs
/// (Fit's shuffles and validation split), src/Layers/Core/{Dense,Dropout}.cs and src/Layers/Optimizers/RmsProp.cs.
/// </summary>
public sealed class ReproducibilityTests
{
    private static (History History, float[] Prediction) Run(ulong seed)
    {
        Session.SetRandomSeed(seed);
        var (x, y) = TrainingData.TwoMoons(120, seed: 99);
        var model = new Sequential(new InputLayer([2]), new Dense(16, "relu"), new Dropout(0.3), new Dense(1, "sigmoid"));
        model.Compile(new RmsProp(0.01), "binary_crossentropy", ["acc"]);
        var history = model.Fit(x, y, batchSize: 16, epochs: 4, validationSplit: 0.25, shuffle: true, verbose: 0);
        return (history, model.Predict(x).ToArray());
    }

    private static long[] Bits(IEnumerable<double> values) => values.Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void The_same_seed_gives_the_same_history_and_weights_bit_for_bit()
    {
        var (first, p1) = Run(5);
        var (second, p2) = Run(5);
        Assert.Equal(["loss", "acc", "val_loss", "val_acc"], first.Keys);
        Assert.Equal(first.Keys, second.Keys);
        foreach (var key in first.Keys)
            Assert.Equal(Bits(first[key]), Bits(second[key]));
        Assert.Equal(p1, p2);

        var (other, p3) = Run(6);
        Assert.NotEqual(Bits(first["loss"]), Bits(other["loss"]));
        Assert.NotEqual(p1, p3);
    }
}

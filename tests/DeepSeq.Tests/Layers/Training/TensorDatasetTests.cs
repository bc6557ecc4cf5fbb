using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Training;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>TensorDataset.SplitLast holds out the last samples, split where Keras splits them.</summary>
public sealed class TensorDatasetTests
{
    [Fact]
    public void Validation_split_holds_out_the_last_samples_before_shuffling()
    {
        var x = Tensor.Arange<float>(10).Reshape(10, 1);
        var (train, validation) = new TensorDataset<float>(x, x).SplitLast(0.25);
        Assert.Equal([0f, 1, 2, 3, 4, 5, 6], train.X[0].ToArray());   // Keras splits at ⌊10 · (1 − 0.25)⌋ = 7
        Assert.Equal([7f, 8, 9], validation.X[0].ToArray());
    }
}

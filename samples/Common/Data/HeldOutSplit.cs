using DeepSeq.Data;

namespace DeepSeq.Samples.Data;

/// <summary>
/// A data set's rows split into a training and a test part by scikit-learn's
/// <c>train_test_split(test_size=f, random_state=seed)</c> sizes (see <see cref="TrainTestSplit"/>): what the
/// project samples hold out before Keras's validation_split takes the last part of training.
/// </summary>
/// <param name="XTrain">The training inputs, in the split's order.</param>
/// <param name="YTrain">Their targets.</param>
/// <param name="XTest">The test inputs, in the split's order.</param>
/// <param name="YTest">Their targets.</param>
/// <param name="TestRows">Which row of the whole set each test row is.</param>
public sealed record HeldOutSplit(Tensor<float> XTrain, Tensor<float> YTrain, Tensor<float> XTest,
    Tensor<float> YTest, int[] TestRows)
{
    /// <summary>Splits the rows (axis 0) of <paramref name="x"/> and <paramref name="y"/> alike.</summary>
    public static HeldOutSplit Of(Tensor<float> x, Tensor<float> y, double testFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Shape[0] != y.Shape[0])
            throw new ArgumentException($"held-out split: inputs {x.Shape} and targets {y.Shape} differ in rows");
        var split = TrainTestSplit.Indices(x.Shape[0], testFraction, seed);
        var (train, test) = (Tensor.FromArray(split.Train), Tensor.FromArray(split.Test));
        return new HeldOutSplit(x.IndexSelect(0, train), y.IndexSelect(0, train), x.IndexSelect(0, test),
            y.IndexSelect(0, test), split.Test);
    }
}

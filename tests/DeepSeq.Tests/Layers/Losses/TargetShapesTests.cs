using System.Numerics;
using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Layers.Losses;
using DeepSeq.Tests.Autograd;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Losses;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Targets without the trailing 1 that predictions of one unit have are accepted, as in Keras.
/// </summary>
public sealed class TargetShapesTests : LossTestBase
{
    [Fact]
    public void TargetsWithoutTheTrailingOneAreAccepted()
    {
        // Keras's usual binary case: labels (batch,) against predictions (batch, 1), and the reverse.
        var (labels, column) = (new Variable<double>(Values(0.0, 1.0)), new Variable<double>(Tensor.FromArray<double>(new double[,] { { 0.2 }, { 0.7 } })));
        var expected = new BinaryCrossentropy().Compute(new Variable<double>(labels.Data.Unsqueeze(-1)), column).Data.Item();
        Assert.Equal(expected, new BinaryCrossentropy().Compute(labels, column).Data.Item());
        Assert.Equal(new[] { 2 }, new BinaryCrossentropy().PerSample(labels, column).Shape.ToArray());
        Assert.Equal(0.0, new MeanSquaredError().Compute(column, new Variable<double>(column.Data.Squeeze(-1))).Data.Item());
    }
}

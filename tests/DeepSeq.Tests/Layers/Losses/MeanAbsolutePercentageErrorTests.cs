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
/// MeanAbsolutePercentageError's gradient against float64 central differences, and a zero target floored at
/// epsilon as in Keras.
/// </summary>
public sealed class MeanAbsolutePercentageErrorTests : LossTestBase
{
    [Fact]
    public void MeanAbsolutePercentageError() => Property(
        LossGen.Pair(GradGen.Moderate, GradGen.ModerateOffGrid), t => CheckLoss(new MeanAbsolutePercentageError(), t), GradCases);

    [Fact]
    public void MapeFloorsAZeroTargetAtEpsilon() =>
        Near(0.5 * 100 * 0.25 / 1e-7, new MeanAbsolutePercentageError().Compute(V(0.0, 1.0), V(0.25, 1.0)).Data.Item(), 1e-3, "mape at y = 0");
}

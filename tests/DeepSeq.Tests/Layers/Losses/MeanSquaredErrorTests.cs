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
/// MeanSquaredError's gradient against float64 central differences over random inputs.
/// </summary>
public sealed class MeanSquaredErrorTests : LossTestBase
{
    [Fact]
    public void MeanSquaredError() => Property(
        LossGen.Pair(GradGen.Moderate, GradGen.Moderate), t => CheckLoss(new MeanSquaredError(), t), GradCases);
}

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
/// MeanAbsoluteError's gradient against float64 central differences, off the kink at y = p.
/// </summary>
public sealed class MeanAbsoluteErrorTests : LossTestBase
{
    [Fact]
    public void MeanAbsoluteError() => Property(
        LossGen.Pair(GradGen.Moderate, GradGen.ModerateOffGrid), t => CheckLoss(new MeanAbsoluteError(), t), GradCases);   // y ≠ p: off the kink
}

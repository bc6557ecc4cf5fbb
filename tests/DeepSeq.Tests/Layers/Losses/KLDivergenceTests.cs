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
/// KLDivergence's gradient against float64 central differences over random distributions.
/// </summary>
public sealed class KLDivergenceTests : LossTestBase
{
    [Fact]
    public void KLDivergence() => Property(
        LossGen.Pair(LossGen.Probability, LossGen.Probability), t => CheckLoss(new KLDivergence(), t), GradCases);
}

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
/// BinaryFocalCrossentropy: its gradient in every form (class balancing, from logits, through a sigmoid), γ = 0
/// giving BinaryCrossentropy, and its arguments checked.
/// </summary>
public sealed class BinaryFocalCrossentropyTests : LossTestBase
{
    [Fact]
    public void BinaryFocalCrossentropyAllForms() => Property(
        from t in LossGen.Pair(LossGen.Binary, LossGen.Probability)
        from z in GradGen.Input(t.P.Shape, GradGen.Moderate)
        select (t, z),
        c =>
        {
            CheckLoss(new BinaryFocalCrossentropy(), c.t);
            CheckLoss(new BinaryFocalCrossentropy(applyClassBalancing: true, alpha: 0.3, gamma: 1.5), c.t);
            CheckLoss(new BinaryFocalCrossentropy(fromLogits: true), (c.t.Y, c.z));
            CheckLoss(new BinaryFocalCrossentropy(gamma: 3), (c.t.Y, c.z), z => z.Sigmoid());
        }, GradCases);

    [Fact]
    public void FocalWithGammaZeroIsBinaryCrossentropy() => Property(
        LossGen.Pair(LossGen.Binary, LossGen.Probability), t =>
        {
            var (y, p) = (V(Make<double>(t.Y)), V(Make<double>(t.P)));
            AssertSame(new BinaryCrossentropy().PerSample(y, p), new BinaryFocalCrossentropy(gamma: 0).PerSample(y, p), "γ = 0");
        });

    [Fact]
    public void FocalArgumentsAreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryFocalCrossentropy(alpha: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryFocalCrossentropy(gamma: -1));
    }
}

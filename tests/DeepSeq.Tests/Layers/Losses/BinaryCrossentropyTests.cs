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
/// BinaryCrossentropy: its gradient from probabilities, from logits and through a recovered sigmoid (exact at
/// z = 0), and a saturated sigmoid costing its logit, not the clip, with or without a recorded graph.
/// </summary>
public sealed class BinaryCrossentropyTests : LossTestBase
{
    [Fact]
    public void BinaryCrossentropyFromProbabilities() => Property(
        LossGen.Pair(LossGen.Probability, LossGen.Probability), t => CheckLoss(new BinaryCrossentropy(), t), GradCases);

    [Fact]
    public void BinaryCrossentropyFromLogits() => Property(
        LossGen.Pair(LossGen.Probability, GradGen.Moderate), t => CheckLoss(new BinaryCrossentropy(fromLogits: true), t), GradCases);

    [Fact]
    public void BinaryCrossentropyThroughARecoveredSigmoid() => Property(
        LossGen.Pair(LossGen.Binary, GradGen.Moderate), t => CheckLoss(new BinaryCrossentropy(), t, z => z.Sigmoid()), GradCases);

    [Fact]
    public void RecoveredSigmoidHasTheExactSlopeAtZero()
    {
        // At z = 0 the logits form has two kinks (max(z, 0) and |z|); their conventions must add up to σ(0) − y = ½ − y.
        var z = new Variable<double>(Values(0.0, 0.0), requiresGrad: true);
        new BinaryCrossentropy(fromLogits: true).Compute(new Variable<double>(Values(0.0, 1.0)), z).Backward();
        Assert.Equal([0.25, -0.25], z.Grad!.ToArray());   // (σ(0) − y) / 2 elements
    }

    [Fact]
    public void SaturatedSigmoidCostsItsLogitNotTheClip()
    {
        // σ(40) rounds to 1: the probability form could only give −log(1 − (1 − ε)) ≈ 16.12 (15.94 in float32).
        var z = new Variable<double>(Values(40.0), requiresGrad: true);
        var yTrue = V(0.0);
        var loss = new BinaryCrossentropy().Compute(yTrue, z.Sigmoid());
        Assert.Equal(40.0, loss.Data.Item());
        loss.Backward();
        Assert.Equal(1.0, z.Grad!.Item());   // σ(40) − 0; the clipped form's gradient would be 0
        Near(16.118, new BinaryCrossentropy().Compute(yTrue, V(z.Sigmoid().Data)).Data.Item(), 1e-3, "plain probabilities are clipped");

        var z32 = new Variable<float>(Tensor.FromArray(new[] { 40f }), requiresGrad: true);
        Assert.Equal(40f, new BinaryCrossentropy().Compute(V(0f), z32.Sigmoid()).Data.Item());
        Near(15.94, new BinaryCrossentropy().Compute(V(0f), V(1f)).Data.Item(), 1e-2, "float32 clip");
        Assert.Equal(40f, new BinaryFocalCrossentropy(gamma: 0).Compute(V(0f), z32.Sigmoid()).Data.Item());
    }

    [Fact]
    public void WithoutARecordedGraphTheLogitsAreStillUsed()
    {
        // The logits ride on the sigmoid's output (Variable.Logits), not on the graph: under NoGrad nothing is
        // recorded, and the loss is still the exact 40 + log(1 + e⁻⁴⁰), not the clipped 16.118.
        var z = new Variable<double>(Values(40.0), requiresGrad: true);
        using (GradMode.NoGrad())
        {
            var p = z.Sigmoid();
            Assert.Null(p.Creator);
            Assert.Same(z, p.Logits);
            Near(40.0, new BinaryCrossentropy().Compute(V(0.0), p).Data.Item(), 1e-9, "logits under NoGrad");
        }
    }
}

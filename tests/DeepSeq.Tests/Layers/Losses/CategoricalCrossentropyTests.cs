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
/// CategoricalCrossentropy: its gradient from probabilities, from logits and through a recovered softmax, a
/// saturated softmax costing its logits, not the clip, and a softmax over another axis not taken for logits.
/// </summary>
public sealed class CategoricalCrossentropyTests : LossTestBase
{
    [Fact]
    public void CategoricalCrossentropyFromProbabilities() => Property(
        LossGen.Pair(LossGen.Probability, GradGen.Positive, minLast: 2), t => CheckLoss(new CategoricalCrossentropy(), t), GradCases);

    [Fact]
    public void CategoricalCrossentropyFromLogitsAndThroughARecoveredSoftmax() => Property(
        LossGen.Pair(LossGen.Probability, GradGen.Moderate, minLast: 2), t =>
        {
            CheckLoss(new CategoricalCrossentropy(fromLogits: true), t);
            CheckLoss(new CategoricalCrossentropy(), t, z => z.Softmax());
        }, GradCases);

    [Fact]
    public void SaturatedSoftmaxCostsItsLogitsNotTheClip()
    {
        var z = new Variable<double>(Tensor.FromArray<double>(new double[,] { { 40, 0 } }), requiresGrad: true);
        var probabilities = z.Softmax();
        double exact = 40 + Math.Log(1 + Math.Exp(-40));
        Assert.Equal(exact, new CategoricalCrossentropy().Compute(V(new double[,] { { 0, 1 } }), probabilities).Data.Item(), 12);
        Assert.Equal(exact, new SparseCategoricalCrossentropy().Compute(V(1.0), probabilities).Data.Item(), 12);
        Near(16.118, new CategoricalCrossentropy().Compute(V(new double[,] { { 0, 1 } }), V(probabilities.Data)).Data.Item(), 1e-3, "clipped");
    }

    [Fact]
    public void SoftmaxOverAnotherAxisIsNotTakenForLogits()
    {
        // softmax over axis 0 of a (2, 3) matrix: its sum is (1, 3), not (2, 1), so the probability form must be used.
        var z = new Variable<double>(Tensor.FromArray<double>(new double[,] { { 1, 2, 3 }, { 3, 1, 2 } }), requiresGrad: true);
        var p = z.Softmax(0);
        var y = V(new double[,] { { 1, 0, 0 }, { 0, 1, 0 } });
        Assert.Equal(new CategoricalCrossentropy().Compute(y, V(p.Data)).Data.Item(), new CategoricalCrossentropy().Compute(y, p).Data.Item(), 14);
    }
}

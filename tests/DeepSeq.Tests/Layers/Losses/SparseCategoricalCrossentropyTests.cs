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
/// SparseCategoricalCrossentropy: its gradient in every form, and its values equal to the categorical ones on
/// one-hot labels, with or without a trailing 1 on the ids.
/// </summary>
public sealed class SparseCategoricalCrossentropyTests : LossTestBase
{
    [Fact]
    public void SparseCategoricalCrossentropyAllForms() => Property(
        LossGen.Sparse(GradGen.Moderate), t =>
        {
            var y = new Variable<double>(LossGen.Ids(t.Ids, t.BatchShape));
            string what = $"ids [{string.Join(",", t.Ids)}]";
            AssertGradient(v => new SparseCategoricalCrossentropy(fromLogits: true).Compute(y, v[0]), $"sparse from logits, {what}", t.P);
            AssertGradient(v => new SparseCategoricalCrossentropy().Compute(y, v[0].Softmax()), $"sparse through softmax, {what}", t.P);
            AssertGradient(v => new SparseCategoricalCrossentropy().Compute(y, v[0].Abs()), $"sparse from probabilities |z|, {what}", t.P);
        }, GradCases);

    [Fact]
    public void SparseEqualsCategoricalOnOneHotLabels() => Property(
        LossGen.Sparse(GradGen.Moderate), t =>
        {
            var (ids, z) = (V(LossGen.Ids(t.Ids, t.BatchShape)), V(Make<double>(t.P)));
            var oneHot = V(LossGen.OneHot(t.Ids, t.BatchShape, t.P.Shape[^1]));
            var p = V(z.Abs().Data);   // unnormalised positive "probabilities": both rescale them to sum to 1
            AssertSame(new CategoricalCrossentropy(fromLogits: true).PerSample(oneHot, z), new SparseCategoricalCrossentropy(fromLogits: true).PerSample(ids, z), "logits");
            AssertSame(new CategoricalCrossentropy().PerSample(oneHot, p), new SparseCategoricalCrossentropy().PerSample(ids, p), "probabilities");
            var column = V(LossGen.Ids(t.Ids, t.BatchShape).Unsqueeze(-1));   // (batch, 1): Keras squeezes it
            AssertSame(new SparseCategoricalCrossentropy().PerSample(ids, p), new SparseCategoricalCrossentropy().PerSample(column, p), "ids with a trailing 1");
        });
}

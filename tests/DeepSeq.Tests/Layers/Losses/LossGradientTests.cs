using DeepSeq.Devices;
using DeepSeq.Autograd;
using DeepSeq.Layers.Losses;
using DeepSeq.Tests.Autograd;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Losses;

/// <summary>
/// Every loss's gradient with respect to its predictions, through <see cref="Loss.Compute{T}"/>, checked against
/// float64 central differences over random shapes, values and memory layouts — for both the probability and the
/// logits forms of the crossentropies, and through the sigmoid and softmax whose logits are recovered.
/// </summary>
/// <remarks>On the CPU only: the losses are composites of autograd ops whose kernels are tested on both devices.</remarks>
public sealed class LossGradientTests : GradTestBase
{
    protected override Device Device => Device.Cpu;

    private void CheckLoss(Loss loss, (TensorCase Y, TensorCase P) t, Func<Variable<double>, Variable<double>>? head = null)
    {
        var y = new Variable<double>(Make<double>(t.Y));
        head ??= p => p;
        AssertGradient(v => loss.Compute(y, head(v[0])), $"{loss.Name} with y_true {t.Y}", t.P);
    }

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
    public void MeanSquaredError() => Property(
        LossGen.Pair(GradGen.Moderate, GradGen.Moderate), t => CheckLoss(new MeanSquaredError(), t), GradCases);

    [Fact]
    public void MeanAbsoluteError() => Property(
        LossGen.Pair(GradGen.Moderate, GradGen.ModerateOffGrid), t => CheckLoss(new MeanAbsoluteError(), t), GradCases);   // y ≠ p: off the kink

    [Fact]
    public void MeanAbsolutePercentageError() => Property(
        LossGen.Pair(GradGen.Moderate, GradGen.ModerateOffGrid), t => CheckLoss(new MeanAbsolutePercentageError(), t), GradCases);

    [Fact]
    public void KLDivergence() => Property(
        LossGen.Pair(LossGen.Probability, LossGen.Probability), t => CheckLoss(new KLDivergence(), t), GradCases);

    [Fact]
    public void HingeWithBinaryAndSignedLabels() => Property(
        from t in LossGen.Pair(LossGen.Binary, GradGen.ModerateOffGrid)   // y·p never exactly 1: off the kink
        from signed in Gen.Elements(false, true)
        select (t, signed),
        c =>
        {
            var y = Make<double>(c.t.Y);
            var labels = new Variable<double>(c.signed ? y * 2.0 - 1.0 : y);
            AssertGradient(v => new Hinge().Compute(labels, v[0]), $"hinge, signed labels {c.signed}", c.t.P);
        }, GradCases);

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
    public void RecoveredSigmoidHasTheExactSlopeAtZero()
    {
        // At z = 0 the logits form has two kinks (max(z, 0) and |z|); their conventions must add up to σ(0) − y = ½ − y.
        var z = new Variable<double>(Values(0.0, 0.0), requiresGrad: true);
        new BinaryCrossentropy(fromLogits: true).Compute(new Variable<double>(Values(0.0, 1.0)), z).Backward();
        Assert.Equal([0.25, -0.25], z.Grad!.ToArray());   // (σ(0) − y) / 2 elements
    }
}

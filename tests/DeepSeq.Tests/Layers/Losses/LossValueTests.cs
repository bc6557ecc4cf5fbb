using System.Numerics;
using DeepSeq.Devices;
using DeepSeq.Autograd;
using DeepSeq.Layers.Losses;
using DeepSeq.Tests.Autograd;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Losses;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Loss values across all losses: the examples of Keras's docstrings (golden values, float32 and float64), the
/// logits and probability forms agreeing, and properties that hold for every input (non-negativity, zero at a
/// perfect prediction). Covers every loss of src/Layers/Losses through <see cref="Loss.Get"/>.
/// </summary>
public sealed class LossValueTests : LossTestBase
{
    // ---- golden values: the examples in Keras's docstrings (keras/src/losses/losses.py), to the digits printed ----

    public static TheoryData<string, double[], double> KerasExamples => new()
    {
        // loss, per-sample values, Compute (sum_over_batch_size) for y_true [[0,1],[0,0]] and y_pred [[0.6,0.4],[0.4,0.6]]
        { "binary_crossentropy", [0.916, 0.714], 0.815 },
        { "binary_focal_crossentropy", [0.330, 0.206], 0.268 },
        { "kl_divergence", [0.916, 0.0], 0.458 },
        { "hinge", [1.1, 1.5], 1.3 },
    };

    [Theory, MemberData(nameof(KerasExamples))]
    public void KerasDocstringExamplesInBothPrecisions(string name, double[] perSample, double total)
    {
        var loss = Loss.Get(name);
        var (yTrue, yPred) = (new double[,] { { 0, 1 }, { 0, 0 } }, new double[,] { { 0.6, 0.4 }, { 0.4, 0.6 } });
        var values = loss.PerSample(V(yTrue), V(yPred)).Data.ToArray();
        for (int i = 0; i < 2; i++) Near(perSample[i], values[i], 5e-4, $"{name} sample {i}");
        Near(total, loss.Compute(V(yTrue), V(yPred)).Data.Item(), 5e-4, name);
        var yTrue32 = new float[,] { { 0, 1 }, { 0, 0 } };
        var yPred32 = new float[,] { { 0.6f, 0.4f }, { 0.4f, 0.6f } };
        Near(total, loss.Compute(V(yTrue32), V(yPred32)).Data.Item(), 5e-4, $"{name} in float32");
    }

    [Fact]
    public void CrossentropyExamplesFromKeras()
    {
        var probabilities = new double[,] { { 0.05, 0.95, 0 }, { 0.1, 0.8, 0.1 } };
        var cce = new CategoricalCrossentropy().PerSample(V(new double[,] { { 0, 1, 0 }, { 0, 0, 1 } }), V(probabilities)).Data.ToArray();
        var sparse = new SparseCategoricalCrossentropy().PerSample(V(1.0, 2.0), V(probabilities)).Data.ToArray();
        foreach (var (values, name) in new[] { (cce, "categorical"), (sparse, "sparse") })
        {
            Near(0.0513, values[0], 5e-5, name);
            Near(2.303, values[1], 5e-4, name);
        }
        // BinaryCrossentropy(from_logits=True) and BinaryFocalCrossentropy(gamma=2, from_logits=True), with and without
        // class balancing, on Keras's y_true [0, 1, 0, 0], y_pred [-18.6, 0.51, 2.94, -12.8]: 0.865, 0.691, 0.51.
        var (y, z) = (V(0.0, 1, 0, 0), V(-18.6, 0.51, 2.94, -12.8));
        Near(0.865, new BinaryCrossentropy(fromLogits: true).Compute(y, z).Data.Item(), 5e-4, "bce from logits");
        Near(0.691, new BinaryFocalCrossentropy(fromLogits: true).Compute(y, z).Data.Item(), 5e-4, "focal from logits");
        Near(0.51, new BinaryFocalCrossentropy(applyClassBalancing: true, fromLogits: true).Compute(y, z).Data.Item(), 5e-3, "balanced focal");
    }

    [Fact]
    public void RegressionExamplesFromKeras()
    {
        var (yTrue, yPred) = (V(new double[,] { { 0, 1 }, { 0, 0 } }), V(new double[,] { { 1, 1 }, { 1, 0 } }));
        Assert.Equal(0.5, new MeanSquaredError().Compute(yTrue, yPred).Data.Item());
        Assert.Equal(0.5, new MeanAbsoluteError().Compute(yTrue, yPred).Data.Item());
        var mape = new MeanAbsolutePercentageError().PerSample(V(new double[,] { { 2, 1 }, { 2, 3 } }), V(new double[,] { { 1, 1 }, { 1, 0 } }));
        Assert.Equal([25.0, 75.0], mape.Data.ToArray());   // Keras's example: mean 50
    }

    // ---- the logits behind a sigmoid or softmax ----

    // ---- properties over random inputs ----

    [Fact]
    public void LogitsAndProbabilityFormsAgreeAwayFromTheClip() => Property(
        LossGen.Pair(LossGen.Probability, GradGen.Moderate, minLast: 2), t =>
        {
            var (y, z) = (V(Make<double>(t.Y)), V(Make<double>(t.P)));
            var sigmoid = V(Make<double>(t.P).Sigmoid());
            var softmax = V(z.Softmax().Data);
            AssertSame(new BinaryCrossentropy(fromLogits: true).PerSample(y, z), new BinaryCrossentropy().PerSample(y, sigmoid), "bce");
            AssertSame(new CategoricalCrossentropy(fromLogits: true).PerSample(y, z), new CategoricalCrossentropy().PerSample(y, softmax), "cce");
            AssertSame(new BinaryFocalCrossentropy(fromLogits: true).PerSample(y, z), new BinaryFocalCrossentropy().PerSample(y, sigmoid), "focal");
        });

    [Fact]
    public void EveryLossIsNonNegativeAndPerSampleDropsTheLastAxis() => Property(
        LossGen.Pair(LossGen.Probability, LossGen.Probability, minLast: 2), t =>
        {
            var (y, p) = (V(Make<double>(t.Y)), V(Make<double>(t.P)));
            var distribution = V(y.Data / y.Data.Sum(-1, keepDims: true));
            foreach (var loss in Loss.Names.Where(n => n != "sparse_categorical_crossentropy").Select(Loss.Get))
            {
                var target = loss is KLDivergence ? distribution : y;
                var prediction = loss is KLDivergence ? V(p.Data / p.Data.Sum(-1, keepDims: true)) : p;
                var values = loss.PerSample(target, prediction);
                Assert.Equal(t.P.Shape[..^1], values.Shape.ToArray());
                Assert.All(values.Data.ToArray(), v => Assert.True(v >= -1e-12, $"{loss.Name} gave {v} for y {t.Y}, p {t.P}"));
            }
        });

    [Fact]
    public void RegressionLossesAndKLDivergenceVanishAtAPerfectPrediction() => Property(
        LossGen.Pair(LossGen.Probability, LossGen.Probability), t =>
        {
            var y = Make<double>(t.Y);
            var distribution = V(y / y.Sum(-1, keepDims: true));
            foreach (var loss in new Loss[] { new MeanSquaredError(), new MeanAbsoluteError(), new MeanAbsolutePercentageError() })
                Assert.Equal(0.0, loss.Compute(V(y), V(y)).Data.Item());
            Assert.Equal(0.0, new KLDivergence().Compute(distribution, distribution).Data.Item(), 14);
        });
}

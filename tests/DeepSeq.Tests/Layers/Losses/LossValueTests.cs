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
/// Loss values: the examples of Keras's docstrings (golden values, float32 and float64), the logits recovered behind a
/// saturated sigmoid or softmax, and properties over random inputs that tie the forms together (logits vs
/// probabilities, sparse vs one-hot, focal with γ = 0 vs plain) or hold for every input (non-negativity, zero at
/// a perfect prediction).
/// </summary>
public sealed class LossValueTests : TensorTestBase
{
    protected override Device Device => Device.Cpu;

    private static Variable<T> V<T>(T[,] values) where T : unmanaged, IFloatingPointIeee754<T> => new(Tensor.FromArray<T>(values));
    private static Variable<T> V<T>(params T[] values) where T : unmanaged, IFloatingPointIeee754<T> => new(Tensor.FromArray(values));
    private static Variable<double> V(Tensor<double> t) => new(t);

    private static void Near(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: {actual:R}, expected {expected} ± {tolerance}");

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

    [Fact]
    public void MapeFloorsAZeroTargetAtEpsilon() =>
        Near(0.5 * 100 * 0.25 / 1e-7, new MeanAbsolutePercentageError().Compute(V(0.0, 1.0), V(0.25, 1.0)).Data.Item(), 1e-3, "mape at y = 0");

    // ---- the logits behind a sigmoid or softmax ----

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

    [Fact]
    public void SoftmaxOverAnotherAxisIsNotTakenForLogits()
    {
        // softmax over axis 0 of a (2, 3) matrix: its sum is (1, 3), not (2, 1), so the probability form must be used.
        var z = new Variable<double>(Tensor.FromArray<double>(new double[,] { { 1, 2, 3 }, { 3, 1, 2 } }), requiresGrad: true);
        var p = z.Softmax(0);
        var y = V(new double[,] { { 1, 0, 0 }, { 0, 1, 0 } });
        Assert.Equal(new CategoricalCrossentropy().Compute(y, V(p.Data)).Data.Item(), new CategoricalCrossentropy().Compute(y, p).Data.Item(), 14);
    }

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

    [Fact]
    public void FocalWithGammaZeroIsBinaryCrossentropy() => Property(
        LossGen.Pair(LossGen.Binary, LossGen.Probability), t =>
        {
            var (y, p) = (V(Make<double>(t.Y)), V(Make<double>(t.P)));
            AssertSame(new BinaryCrossentropy().PerSample(y, p), new BinaryFocalCrossentropy(gamma: 0).PerSample(y, p), "γ = 0");
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

    private static void AssertSame(Variable<double> expected, Variable<double> actual, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.Data.ToArray(), actual.Data.ToArray());
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-12 * (1 + Math.Abs(e[i])), $"{what}: element {i} is {a[i]:R}, expected {e[i]:R}");
    }
}

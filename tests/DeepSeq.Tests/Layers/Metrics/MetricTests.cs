using DeepSeq.Devices;
using DeepSeq.Layers.Losses;
using DeepSeq.Layers.Metrics;
using DeepSeq.Tests.Autograd;
using DeepSeq.Tests.Layers.Losses;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Metrics;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// <see cref="Metric"/>: the names <see cref="Metric.Get"/> accepts; and, on every metric of src/Layers/Metrics,
/// accumulation (batches add up to the one big batch), reset, and mismatched shapes naming the metric.
/// </summary>
public sealed class MetricTests : MetricTestBase
{
    // ---- accumulation and reset, over every metric Get knows ----

    public static TheoryData<string> MetricNames => new()
    {
        "binary_accuracy", "categorical_accuracy", "acc", "mse", "mae", "mape", "binary_crossentropy", "kld", "hinge",
    };

    [Theory, MemberData(nameof(MetricNames))]
    public void BatchesAccumulateToTheResultOfOneBigBatch(string name) => Property(
        from shape in LossGen.Shape(minLast: 2)
        where shape.Length == 2
        from y in GradGen.Input(shape, LossGen.Binary)
        from p in GradGen.Input(shape, LossGen.Probability)
        from cut in Gen.Choose(1, Math.Max(1, shape[0] - 1))
        select (y, p, cut),
        t =>
        {
            var (y, p) = (Make<double>(t.y), Make<double>(t.p));
            int n = y.Shape[0], cut = Math.Min(t.cut, n);
            var whole = Metric.Get(name);
            whole.Update(y, p);
            var parts = Metric.Get(name);
            parts.Update(y.Narrow(0, 0, cut), p.Narrow(0, 0, cut));
            if (cut < n) parts.Update(y.Narrow(0, cut, n - cut), p.Narrow(0, cut, n - cut));
            Assert.Equal(whole.Result(), parts.Result(), 12);
            parts.Reset();
            Assert.Equal(0, parts.Result());
            parts.Update(y, p);
            Assert.Equal(whole.Result(), parts.Result(), 15);   // the same batch after a reset: the same sums, exactly
        }, cases: 20);

    // ---- "accuracy" / "acc" ----

    [Fact]
    public void GetKnowsAccuraciesAndLossNamesAndRejectsOthers()
    {
        Assert.IsType<BinaryAccuracy>(Metric.Get("binary_accuracy"));
        Assert.IsType<CategoricalAccuracy>(Metric.Get("categorical_accuracy"));
        Assert.IsType<SparseCategoricalAccuracy>(Metric.Get("sparse_categorical_accuracy"));
        var mae = Assert.IsType<MeanMetricWrapper>(Metric.Get("mae"));
        Assert.IsType<MeanAbsoluteError>(mae.Loss);
        Assert.IsType<MeanAbsolutePercentageError>(Assert.IsType<MeanMetricWrapper>(Metric.Get("mape")).Loss);
        Throws<ArgumentException>(() => Metric.Get("precision"), "precision", "accuracy", "sparse_categorical_accuracy", "mse");
    }

    [Fact]
    public void MismatchedShapesNameTheMetric() =>
        Throws<ArgumentException>(() => { new BinaryAccuracy().Update(R(1, 0, 1), M(new double[,] { { 0.5, 0.5 } })); return null; },
            "binary_accuracy", "(3)", "(1,2)");
}

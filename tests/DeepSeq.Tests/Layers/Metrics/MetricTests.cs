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
/// Metrics: Keras's docstring examples, accumulation (batches add up to the one big batch), reset, the resolution of
/// "accuracy"/"acc" from shapes and loss, and the names <see cref="Metric.Get"/> accepts.
/// </summary>
public sealed class MetricTests : TensorTestBase
{
    protected override Device Device => Device.Cpu;

    private static Tensor<double> M(double[,] values) => Tensor.FromArray<double>(values);
    private static Tensor<double> R(params double[] values) => Tensor.FromArray(values);

    // ---- golden values: keras/src/metrics/accuracy_metrics.py docstrings ----

    [Fact]
    public void BinaryAccuracyKerasExample()
    {
        var metric = new BinaryAccuracy();
        metric.Update(M(new double[,] { { 1 }, { 1 }, { 0 }, { 0 } }), M(new double[,] { { 0.98 }, { 1 }, { 0 }, { 0.6 } }));
        Assert.Equal(0.75, metric.Result());
    }

    [Fact]
    public void CategoricalAccuracyKerasExample()
    {
        var metric = new CategoricalAccuracy();
        metric.Update(M(new double[,] { { 0, 0, 1 }, { 0, 1, 0 } }), M(new double[,] { { 0.1, 0.9, 0.8 }, { 0.05, 0.95, 0 } }));
        Assert.Equal(0.5, metric.Result());
    }

    [Fact]
    public void SparseCategoricalAccuracyKerasExample()
    {
        var metric = new SparseCategoricalAccuracy();
        var yPred = M(new double[,] { { 0.1, 0.6, 0.3 }, { 0.05, 0.95, 0 } });
        metric.Update(M(new double[,] { { 2 }, { 1 } }), yPred);
        Assert.Equal(0.5, metric.Result());
        metric.Update(R(1, 0), yPred);   // (batch,) ids too: 1 hit of 2 more
        Assert.Equal(0.5, metric.Result());
        Assert.Equal(4, metric.Count);
    }

    [Fact]
    public void LossMetricsAverageOverSamplesNotBatches()
    {
        var mse = Metric.Get("mse");
        Assert.Equal("mse", mse.Name);
        mse.Update(M(new double[,] { { 0, 1 }, { 0, 0 } }), M(new double[,] { { 1, 1 }, { 1, 0 } }));   // per sample 0.5, 0.5
        mse.Update(M(new double[,] { { 0, 0 } }), M(new double[,] { { 2, 2 } }));                     // per sample 4
        Assert.Equal((0.5 + 0.5 + 4) / 3, mse.Result(), 15);
    }

    [Fact]
    public void MeanIsWeightedAndZeroWhenEmpty()
    {
        var mean = new Mean("loss");
        Assert.Equal(0, mean.Result());
        mean.Update(1, weight: 2);
        mean.Update(4, weight: 1);
        Assert.Equal(2, mean.Result());
        mean.Reset();
        Assert.Equal(0, mean.Result());
        Assert.Throws<ArgumentOutOfRangeException>(() => mean.Update(1, weight: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => mean.Update(1, weight: double.NaN));
    }

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

    [Fact]
    public void SparseAccuracyAccumulatesAndRejectsBadIds()
    {
        var metric = new SparseCategoricalAccuracy();
        Assert.Equal(0, metric.Result());
        Throws<ArgumentException>(() => { metric.Update(R(0, 3), M(new double[,] { { 1, 0, 0 }, { 0, 1, 0 } })); return null; },
            "sparse_categorical_accuracy", "y_true[1] = 3");
    }

    // ---- "accuracy" / "acc" ----

    public static TheoryData<int[], int[], string?, Type> Resolutions => new()
    {
        { [4, 1], [4, 1], null, typeof(BinaryAccuracy) },                   // one output unit: binary
        { [4], [4, 1], null, typeof(BinaryAccuracy) },                      // labels without the trailing 1
        { [4, 3], [4, 3], "binary_crossentropy", typeof(BinaryAccuracy) },  // multi-label with BCE
        { [4], [4, 3], null, typeof(SparseCategoricalAccuracy) },           // lower rank: ids
        { [4, 1], [4, 3], null, typeof(SparseCategoricalAccuracy) },        // a column of ids
        { [4, 3], [4, 3], null, typeof(CategoricalAccuracy) },              // one-hot
        { [4, 3], [4, 3], "categorical_crossentropy", typeof(CategoricalAccuracy) },
    };

    [Theory, MemberData(nameof(Resolutions))]
    public void AccuracyResolvesAsKeras(int[] yTrue, int[] yPred, string? loss, Type expected)
    {
        foreach (var spelling in new[] { "accuracy", "acc" })
        {
            var metric = Assert.IsType<InferredAccuracy>(Metric.Get(spelling, loss is null ? null : Loss.Get(loss)));
            Assert.Null(metric.Resolved);
            Assert.Equal(0, metric.Result());
            metric.Update(Tensor.Zeros<double>(new Shape(yTrue)), Tensor.Zeros<double>(new Shape(yPred)) + 0.25);
            Assert.IsType(expected, metric.Resolved);
            Assert.Equal(spelling, metric.Name);
            metric.Reset();
            Assert.Equal(0, metric.Result());
            Assert.IsType(expected, metric.Resolved);   // the choice survives a reset
        }
    }

    [Fact]
    public void InferredAccuracyGivesTheResolvedMetricsValue()
    {
        var acc = Metric.Get("acc");
        acc.Update(M(new double[,] { { 1 }, { 1 }, { 0 }, { 0 } }), M(new double[,] { { 0.98 }, { 1 }, { 0 }, { 0.6 } }));
        Assert.Equal(0.75, acc.Result());
    }

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

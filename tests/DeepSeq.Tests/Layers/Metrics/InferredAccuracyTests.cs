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
/// "accuracy"/"acc" resolved as Keras does from the shapes of y_true and y_pred and the loss, and the inferred
/// metric giving the resolved metric's value.
/// </summary>
public sealed class InferredAccuracyTests : MetricTestBase
{
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
}

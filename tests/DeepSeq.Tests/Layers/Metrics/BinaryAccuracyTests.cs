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
/// BinaryAccuracy on the example of Keras's docstring (keras/src/metrics/accuracy_metrics.py).
/// </summary>
public sealed class BinaryAccuracyTests : MetricTestBase
{
    [Fact]
    public void BinaryAccuracyKerasExample()
    {
        var metric = new BinaryAccuracy();
        metric.Update(M(new double[,] { { 1 }, { 1 }, { 0 }, { 0 } }), M(new double[,] { { 0.98 }, { 1 }, { 0 }, { 0.6 } }));
        Assert.Equal(0.75, metric.Result());
    }
}

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
/// CategoricalAccuracy on the example of Keras's docstring (keras/src/metrics/accuracy_metrics.py).
/// </summary>
public sealed class CategoricalAccuracyTests : MetricTestBase
{
    [Fact]
    public void CategoricalAccuracyKerasExample()
    {
        var metric = new CategoricalAccuracy();
        metric.Update(M(new double[,] { { 0, 0, 1 }, { 0, 1, 0 } }), M(new double[,] { { 0.1, 0.9, 0.8 }, { 0.05, 0.95, 0 } }));
        Assert.Equal(0.5, metric.Result());
    }
}

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
/// A loss used as a metric averages over the samples seen, not over the batches.
/// </summary>
public sealed class MeanMetricWrapperTests : MetricTestBase
{
    [Fact]
    public void LossMetricsAverageOverSamplesNotBatches()
    {
        var mse = Metric.Get("mse");
        Assert.Equal("mse", mse.Name);
        mse.Update(M(new double[,] { { 0, 1 }, { 0, 0 } }), M(new double[,] { { 1, 1 }, { 1, 0 } }));   // per sample 0.5, 0.5
        mse.Update(M(new double[,] { { 0, 0 } }), M(new double[,] { { 2, 2 } }));                     // per sample 4
        Assert.Equal((0.5 + 0.5 + 4) / 3, mse.Result(), 15);
    }
}

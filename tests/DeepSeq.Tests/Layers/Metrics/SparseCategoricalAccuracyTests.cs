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
/// SparseCategoricalAccuracy on the example of Keras's docstring, its accumulation over batches, and its refusal
/// of bad class ids.
/// </summary>
public sealed class SparseCategoricalAccuracyTests : MetricTestBase
{
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
    public void SparseAccuracyAccumulatesAndRejectsBadIds()
    {
        var metric = new SparseCategoricalAccuracy();
        Assert.Equal(0, metric.Result());
        Throws<ArgumentException>(() => { metric.Update(R(0, 3), M(new double[,] { { 1, 0, 0 }, { 0, 1, 0 } })); return null; },
            "sparse_categorical_accuracy", "y_true[1] = 3");
    }
}

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
/// Mean is weighted by its sample weights and gives 0 before any update.
/// </summary>
public sealed class MeanTests : MetricTestBase
{
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
}

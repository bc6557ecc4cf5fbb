using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Core.CoreTestKit;

namespace DeepSeq.Tests.Layers.Regularizers;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The L1 penalty of a Dense kernel, factor·Σ|w|, and the refusal of a negative or NaN factor.
/// </summary>
public sealed class L1RegularizerTests
{
    [Fact]
    public void L1_penalty_is_factor_times_sum_of_absolute_kernel()
    {
        Session.SetRandomSeed(3);
        var dense = new Dense(3, kernelRegularizer: Regularizer.L1(0.5));
        dense.Call(Batch(new double[,] { { 0.5, -1 } }));
        var w = dense.Kernel!.Variable<double>().Data.ToArray();
        Assert.Equal(0.5 * w.Sum(Math.Abs), dense.RegularizationLoss<double>()!.Data.Item(), 14);
        Assert.Throws<ArgumentException>(() => Regularizer.L2(-1));
        Assert.Throws<ArgumentException>(() => Regularizer.L1(double.NaN));
    }
}

using DeepSeq.Autograd;
using DeepSeq.Layers;
using DeepSeq.Tests.Layers.Core;
using Xunit;

namespace DeepSeq.Tests.Layers.Regularizers;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The L2 penalty of a Dense kernel: factor·Σw², its gradient by central differences, none for a frozen layer.
/// </summary>
public sealed class L2RegularizerTests
{
    [Fact]
    public void L2_penalty_is_factor_times_sum_of_squared_kernel_and_its_gradient_checks()
    {
        Session.SetRandomSeed(3);
        var dense = new Dense(3, kernelRegularizer: Regularizer.L2(0.01));
        var x = Tensor.FromArray<double>(new double[,] { { 0.5, -1 }, { 2, 1 } });
        dense.Call(new Variable<double>(x));
        var w = dense.Kernel!.Variable<double>().Data.ToArray();
        Assert.Equal(0.01 * w.Sum(v => v * v), dense.RegularizationLoss<double>()!.Data.Item(), 14);
        LayerGradCheck.Assert(dense, [x], differentiable: false, _ => dense.RegularizationLoss<double>()!, "l2 penalty");

        dense.Trainable = false;   // a frozen layer's weights are not penalised (Keras adds losses of trainable weights)
        Assert.Null(dense.RegularizationLoss<double>());
    }
}

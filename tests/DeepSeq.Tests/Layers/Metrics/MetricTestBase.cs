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

/// <summary>What the metric tests share: the CPU, and float64 matrices and rows to update metrics with.</summary>
public abstract class MetricTestBase : TensorTestBase
{
    protected override Device Device => Device.Cpu;

    protected static Tensor<double> M(double[,] values) => Tensor.FromArray<double>(values);
    protected static Tensor<double> R(params double[] values) => Tensor.FromArray(values);
}

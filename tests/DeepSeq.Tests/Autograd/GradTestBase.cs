using DeepSeq.Autograd;
using DeepSeq.Tests.Tensor;

namespace DeepSeq.Tests.Autograd;

/// <summary>
/// The base of every gradient-check test class: the device's case budget, one assertion, and the leaf variables that
/// golden-value tests build on the device.
/// </summary>
public abstract class GradTestBase : TensorTestBase
{
    /// <summary>FsCheck cases per property on this device (fewer on the slow ILGPU CPU accelerator).</summary>
    protected virtual int GradCases => GradGen.Cases(Device);

    /// <summary>The largest input size generated on this device.</summary>
    protected virtual int GradMaxSize => GradGen.MaxSize(Device);

    /// <summary>Runs <see cref="GradCheck"/> on <paramref name="f"/> at the inputs (made on this device) and fails with its report.</summary>
    protected void AssertGradient(Func<Variable<double>[], Variable<double>> f, string what, params TensorCase[] inputs)
        => GradGen.AssertGradient(Device, f, what, inputs);

    /// <summary>The one-input form.</summary>
    protected void AssertGradient(Func<Variable<double>, Variable<double>> f, string what, TensorCase x)
        => AssertGradient(v => f(v[0]), what, x);

    /// <summary>A leaf on this device that requires its gradient: a vector of the values.</summary>
    protected Variable<double> Leaf(params double[] values) => new(Values(values), requiresGrad: true);

    /// <summary>A matrix leaf on this device that requires its gradient.</summary>
    protected Variable<double> Leaf(double[,] values) => new(Matrix(values), requiresGrad: true);
}

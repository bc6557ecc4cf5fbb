using System.Numerics;
using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Layers.Losses;
using DeepSeq.Tests.Autograd;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Losses;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// What the loss tests share, on the CPU only (the losses are composites of autograd ops whose kernels are tested on
/// both devices): constant variables, tolerance checks, and a loss's gradient with respect to its predictions
/// checked through <see cref="Loss.Compute{T}"/> against float64 central differences.
/// </summary>
public abstract class LossTestBase : GradTestBase
{
    protected override Device Device => Device.Cpu;

    protected void CheckLoss(Loss loss, (TensorCase Y, TensorCase P) t, Func<Variable<double>, Variable<double>>? head = null)
    {
        var y = new Variable<double>(Make<double>(t.Y));
        head ??= p => p;
        AssertGradient(v => loss.Compute(y, head(v[0])), $"{loss.Name} with y_true {t.Y}", t.P);
    }

    protected static Variable<T> V<T>(T[,] values) where T : unmanaged, IFloatingPointIeee754<T> => new(Tensor.FromArray<T>(values));
    protected static Variable<T> V<T>(params T[] values) where T : unmanaged, IFloatingPointIeee754<T> => new(Tensor.FromArray(values));
    protected static Variable<double> V(Tensor<double> t) => new(t);

    protected static void Near(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: {actual:R}, expected {expected} ± {tolerance}");

    protected static void AssertSame(Variable<double> expected, Variable<double> actual, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.Data.ToArray(), actual.Data.ToArray());
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-12 * (1 + Math.Abs(e[i])), $"{what}: element {i} is {a[i]:R}, expected {e[i]:R}");
    }

    protected static Variable<double> Zeros(params int[] shape) => new(Tensor.Zeros<double>(new Shape(shape)) + 0.5);
}

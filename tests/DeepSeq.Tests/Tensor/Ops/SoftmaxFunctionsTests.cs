using System.Numerics;
using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor.Ops;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Softmax and log-softmax along any axis: against an oracle computed in double with the max shift,
/// rows summing to 1, invariance under a shift, stability at ±1000, and log_softmax = log(softmax).
/// </summary>
/// <remarks>
/// Tolerance along an axis of n elements: (4n + 16)·u absolute for softmax (each exp errs by up to 8u,
/// the sum by n·u, the division by u), times (1 + |y|) for log-softmax, whose log adds a relative error.
/// </remarks>
public abstract class SoftmaxFunctionsTests : TensorTestBase
{
    private static RefArray SoftmaxOracle(RefArray x, int axis)
    {
        var max = x.Reduce([axis], true, v => v.Max());
        var e = RefArray.Zip(x, max, (v, m) => Math.Exp(v - m));
        return RefArray.Zip(e, e.Reduce([axis], true, v => v.Sum()), (a, s) => a / s);
    }

    private static RefArray LogSoftmaxOracle(RefArray x, int axis)
    {
        var max = x.Reduce([axis], true, v => v.Max());
        var shifted = RefArray.Zip(x, max, (v, m) => v - m);
        return RefArray.Zip(shifted, shifted.Reduce([axis], true, v => Math.Log(v.Sum(Math.Exp))), (s, l) => s - l);
    }

    private Gen<(TensorCase X, int Axis)> CaseWithAxis =>
        from x in TensorGen.Case(4, MaxSize, TensorGen.Real, minRank: 1, maxDim: MaxDim)
        from axis in Gen.Choose(-x.Shape.Length, x.Shape.Length - 1)
        select (x, axis);

    [Fact]
    public void SoftmaxMatchesTheOracleAndRowsSumToOne() => Property(CaseWithAxis, t => CheckSoftmax<float>(t.X, t.Axis));

    [Fact]
    public void Float64SoftmaxMatchesTheOracleAndRowsSumToOne() => Property(CaseWithAxis, t => CheckSoftmax<double>(t.X, t.Axis), cases: Cases / 2);

    private void CheckSoftmax<T>(TensorCase c, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int a = axis < 0 ? axis + c.Shape.Length : axis, n = c.Shape[a];
        double tol = (4 * n + 16) * Unit<T>();
        var x = Make<T>(c);
        var y = x.Softmax(axis);
        AssertClose(SoftmaxOracle(c.Expected, a), y, 0, tol, $"softmax(axis {axis}) of {c}");
        AssertClose(c.Expected.Reduce([a], false, _ => 1), y.Sum(a), 0, n * tol, $"row sums of softmax(axis {axis}) of {c}");
        var logY = x.LogSoftmax(axis);
        var expected = LogSoftmaxOracle(c.Expected, a);
        AssertClose(expected, logY, tol, tol, $"log_softmax(axis {axis}) of {c}");
        // log_softmax = log(softmax) wherever softmax has not underflowed.
        var logOfSoftmax = Ref(y.Log());
        var fromLog = Ref(logY);
        for (int i = 0; i < expected.Size; i++)
            if (Ref(y).Data[i] > 1e-30)
                Assert.True(Math.Abs(logOfSoftmax.Data[i] - fromLog.Data[i]) <= 2 * tol * (1 + Math.Abs(fromLog.Data[i])),
                    $"log(softmax) {logOfSoftmax.Data[i]} ≠ log_softmax {fromLog.Data[i]} at {i} of {c}");
    }

    /// <summary>Adding 500 changes no bit: x + 500 is exact on the generators' grid, and so is (x + 500) − max.</summary>
    [Fact]
    public void ShiftingEveryInputChangesNothing() => Property(CaseWithAxis, t =>
    {
        var x = Make<float>(t.X);
        AssertExact(Ref(x.Softmax(t.Axis)), (x + 500f).Softmax(t.Axis), $"softmax(x + 500) of {t.X}");
        AssertExact(Ref(x.LogSoftmax(t.Axis)), (x - 500f).LogSoftmax(t.Axis), $"log_softmax(x − 500) of {t.X}");
    }, cases: Cases / 2);

    [Fact]
    public void SoftmaxIsStableAtExtremes()
    {
        // Without the max shift, e^1000 = ∞ and ∞/∞ = NaN.
        AssertExact(new RefArray([2], [0.5, 0.5]), Values(1000f, 1000f).Softmax(), "softmax [1000, 1000]");
        AssertExact(new RefArray([2], [0, 1]), Values(-1000f, 0f).Softmax(), "softmax [−1000, 0]");
        AssertClose(new RefArray([2], [-1000, 0]), Values(-1000f, 0f).LogSoftmax(), 0, 1e-6, "log_softmax [−1000, 0]");
        AssertExact(new RefArray([2, 2], [0.5, 0.5, 0, 1]), Matrix(new float[,] { { 3e38f, 3e38f }, { -3e38f, 3e38f } }).Softmax(), "softmax near float.MaxValue");
        // scipy.special.softmax([1, 2, 3]) = [0.09003057, 0.24472847, 0.66524096]
        AssertClose(new RefArray([3], [0.09003057317038046, 0.24472847105479767, 0.6652409557748219]), Values(1f, 2f, 3f).Softmax(), 0, 1e-7, "softmax [1, 2, 3]");
        AssertClose(new RefArray([3], [-2.4076059644443806, -1.4076059644443806, -0.40760596444438063]), Values(1.0, 2.0, 3.0).LogSoftmax(), 0, 1e-15, "log_softmax [1, 2, 3] float64");
        // Along axis 0 of a matrix: columns sum to 1.
        AssertClose(new RefArray([2, 2], [0.5, 0.11920292202211755, 0.5, 0.8807970779778823]), Matrix(new float[,] { { 0, 1 }, { 0, 3 } }).Softmax(0), 0, 1e-7, "softmax over columns");
    }

    /// <summary>
    /// The max shift makes the largest term e⁰, which the Softmax docs promise is exactly 1; so log_softmax
    /// of a row with one dominant entry must give exactly 0 there (a perfect prediction has a loss of 0).
    /// </summary>
    [Fact]
    public void TheShiftedMaximumContributesExactlyOne()
    {
        Assert.All(Tensor.Zeros<float>(new Shape(37), Device).Exp().ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal(0f, Values(5f).LogSoftmax().Item());
        Assert.Equal(0f, Values(-1000f, 0f).LogSoftmax()[1]);
        Assert.All(Tensor.Zeros<double>(new Shape(9), Device).Exp().ToArray(), v => Assert.Equal(1.0, v));
    }
}

public sealed class SoftmaxFunctionsTestsOnCpu : SoftmaxFunctionsTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class SoftmaxFunctionsTestsOnIlgpu : SoftmaxFunctionsTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

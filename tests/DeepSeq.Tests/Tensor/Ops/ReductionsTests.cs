using System.Numerics;
using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor.Ops;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Sum, max, min, mean, variance and argmax over random axis sets, with keepDims both ways, on views.
/// </summary>
/// <remarks>
/// Tolerances: max, min and argmax are exact. A float sum of n terms in any order errs by at most
/// γₙ·Σ|xᵢ| ≈ n·u·Σ|xᵢ| (Higham, Accuracy and Stability of Numerical Algorithms, §4.2); the tests allow
/// 2n·u·Σ|xᵢ|. Mean divides that by n. Variance is allowed 4n·u·Σxᵢ² / (n − ddof).
/// </remarks>
public abstract class ReductionsTests : TensorTestBase
{
    private static double SumOf(IReadOnlyList<double> v) => v.Sum();
    private static double MaxOf(IReadOnlyList<double> v) => v.Aggregate(double.NegativeInfinity, Math.Max);
    private static double MinOf(IReadOnlyList<double> v) => v.Aggregate(double.PositiveInfinity, Math.Min);

    private Gen<(TensorCase X, int[]? Axes, bool KeepDims)> CaseWithAxes(Gen<double> value) =>
        from x in TensorGen.Case(4, MaxSize, value, maxDim: MaxDim)
        from axes in TensorGen.Axes(x.Shape.Length)
        from keepDims in Gen.Elements(false, true)
        select (x, axes, keepDims);

    [Fact]
    public void SumMaxMinMatchTheOracleOverAnyAxes() => Property(CaseWithAxes(TensorGen.RealOrTies), t => CheckSumMaxMin<float>(t));

    [Fact]
    public void Float64SumMaxMinMatchTheOracleOverAnyAxes() => Property(CaseWithAxes(TensorGen.Real), t => CheckSumMaxMin<double>(t), cases: Cases / 2);

    private void CheckSumMaxMin<T>((TensorCase X, int[]? Axes, bool KeepDims) t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, r) = (Make<T>(t.X), t.X.Expected);
        string of = $"over axes {Show(t.Axes)}, keepDims {t.KeepDims}, of {t.X}";
        var tolerance = r.Reduce(t.Axes, t.KeepDims, v => 2 * v.Count * Unit<T>() * v.Sum(Math.Abs));
        AssertWithin(r.Reduce(t.Axes, t.KeepDims, SumOf), x.Sum(t.Axes, t.KeepDims), tolerance, $"sum {of}");
        AssertExact(r.Reduce(t.Axes, t.KeepDims, MaxOf), x.Max(t.Axes, t.KeepDims), $"max {of}");
        AssertExact(r.Reduce(t.Axes, t.KeepDims, MinOf), x.Min(t.Axes, t.KeepDims), $"min {of}");
    }

    [Fact]
    public void Int32SumAndMaxAreExact() => Property(
        CaseWithAxes(Gen.Choose(-1000, 1000).Select(i => (double)i)),
        t =>
        {
            var x = Make<int>(t.X);
            AssertExact(t.X.Expected.Reduce(t.Axes, t.KeepDims, SumOf), x.Sum(t.Axes, t.KeepDims), $"int sum over {Show(t.Axes)} of {t.X}");
            AssertExact(t.X.Expected.Reduce(t.Axes, t.KeepDims, MaxOf), x.Max(t.Axes, t.KeepDims), $"int max over {Show(t.Axes)} of {t.X}");
        }, cases: Cases / 2);

    [Fact]
    public void MeanAndVarianceMatchTheOracle() => Property(
        from c in CaseWithAxes(TensorGen.Real)
        from ddof in Gen.Elements(0, 1)
        select (c.X, c.Axes, c.KeepDims, ddof),
        t => CheckMeanAndVariance<float>(t.X, t.Axes, t.KeepDims, t.ddof));

    [Fact]
    public void Float64MeanAndVarianceMatchTheOracle() => Property(
        from c in CaseWithAxes(TensorGen.Real)
        from ddof in Gen.Elements(0, 1)
        select (c.X, c.Axes, c.KeepDims, ddof),
        t => CheckMeanAndVariance<double>(t.X, t.Axes, t.KeepDims, t.ddof), cases: Cases / 2);

    private void CheckMeanAndVariance<T>(TensorCase c, int[]? axes, bool keepDims, int ddof) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, r) = (Make<T>(c), c.Expected);
        string of = $"over axes {Show(axes)}, keepDims {keepDims}, ddof {ddof}, of {c}";
        double u = Unit<T>();
        AssertWithin(r.Reduce(axes, keepDims, v => v.Average()), x.Mean(axes, keepDims),
            r.Reduce(axes, keepDims, v => 2 * u * v.Sum(Math.Abs) + u * Math.Abs(v.Average())), $"mean {of}");
        var variance = r.Reduce(axes, keepDims, v =>
        {
            double mean = v.Average();
            return v.Count - ddof <= 0 ? double.NaN : v.Sum(e => (e - mean) * (e - mean)) / (v.Count - ddof);
        });
        if (variance.Data.Any(double.IsNaN))   // a single element with ddof = 1: refused, as VarianceWithoutDegreesOfFreedomThrows pins
        {
            Assert.Throws<ArgumentException>(() => x.Variance(axes, keepDims, ddof));
            return;
        }
        AssertWithin(variance, x.Variance(axes, keepDims, ddof),
            r.Reduce(axes, keepDims, v => 4 * v.Count * u * v.Sum(e => e * e) / (v.Count - ddof)), $"variance {of}");
    }

    [Fact]
    public void VarianceGoldenValues()
    {
        // numpy.var([1, 2, 3, 4]) = 1.25; numpy.var([1, 2, 3, 4], ddof=1) = 5/3.
        var x = Values(1f, 2f, 3f, 4f);
        Assert.Equal(1.25f, x.Variance().Item());
        Assert.Equal(5f / 3f, x.Variance(ddof: 1).Item(), 6);
        // Rows of [[1, 2], [3, 5]]: variance 0.25 and 1; columns: 1 and 2.25; ddof = 1 doubles the two-element ones.
        var m = Matrix(new float[,] { { 1, 2 }, { 3, 5 } });
        AssertExact(new RefArray([2], [0.25, 1]), m.Variance(1), "row variance");
        AssertExact(new RefArray([1, 2], [1, 2.25]), m.Variance(0, keepDims: true), "column variance, keepDims");
        AssertExact(new RefArray([2], [0.5, 2]), m.Variance(-1, ddof: 1), "row variance, ddof 1");
        // One element with ddof = 1 would divide 0 by 0: see VarianceWithoutDegreesOfFreedomThrows.
    }

    /// <summary>
    /// With ddof ≥ n there are no degrees of freedom left. NumPy divides by max(n − ddof, 0) and returns inf or
    /// nan with a warning; DeepSeq refuses instead of passing an inf or NaN on silently (and never goes negative).
    /// </summary>
    [Fact]
    public void VarianceWithoutDegreesOfFreedomThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => Values(1f, 2f).Variance(ddof: 3));
        Assert.Contains("variance: ddof 3 must lie in [0, 2)", ex.Message);
        Assert.Throws<ArgumentException>(() => Values(1f, 2f).Variance(ddof: 2));
        Assert.Throws<ArgumentException>(() => Values(3f).Variance(ddof: 1));
        Assert.Throws<ArgumentException>(() => Values(1f, 2f).Variance(ddof: -1));
    }

    // ---- argmax ----

    [Fact]
    public void ArgMaxIsTheFirstMaximum() => Property(
        from x in TensorGen.Case(4, MaxSize, TensorGen.Ties, minRank: 1, maxDim: MaxDim)
        from axis in Gen.Choose(-x.Shape.Length, x.Shape.Length - 1)
        from keepDims in Gen.Elements(false, true)
        select (x, axis, keepDims),
        t =>
        {
            int a = t.axis < 0 ? t.axis + t.x.Shape.Length : t.axis;
            var positions = RefArray.Build(t.x.Shape, index => index[a]);
            // First maximum: the smallest position among those holding the maximum.
            var max = t.x.Expected.Reduce([a], keepDims: true, MaxOf);
            var candidates = RefArray.Zip(RefArray.Zip(t.x.Expected, max, (v, m) => v == m ? 1 : 0), positions, (hit, p) => hit == 1 ? p : double.MaxValue);
            var expected = candidates.Reduce([a], t.keepDims, MinOf);
            var got = Make<float>(t.x).ArgMax(t.axis, t.keepDims);
            AssertExact(expected, got, $"argmax(axis {t.axis}, keepDims {t.keepDims}) of {t.x}");
            AssertExact(expected, Make<double>(t.x).ArgMax(t.axis, t.keepDims), $"float64 argmax(axis {t.axis}) of {t.x}");
        });

    [Fact]
    public void ArgMaxGoldenValuesIncludingTiesAndNaN()
    {
        // numpy.argmax: the first of equal maxima; the first NaN wins over any number.
        Assert.Equal(1, Values(1f, 3f, 3f, 2f).ArgMax(0).Item());
        Assert.Equal(1, Values(1f, float.NaN, 9f, float.NaN).ArgMax(0).Item());
        Assert.Equal(2, Values(-1f, -1f, float.PositiveInfinity).ArgMax(0).Item());
        Assert.Equal(0, Values(5f, 5f, 5f).ArgMax(0).Item());
        Assert.Equal(2, Values(1, 2, 7, 7).ArgMax(0).Item());
        var m = Matrix(new float[,] { { 0, 5, 5 }, { 9, float.NaN, 1 }, { -1, -2, -3 } });
        AssertExact(new RefArray([3], [1, 1, 0]), m.ArgMax(1), "row argmax");
        AssertExact(new RefArray([1, 3], [1, 1, 0]), m.ArgMax(0, keepDims: true), "column argmax, keepDims");
    }

    // ---- empty axes ----

    [Fact]
    public void SumOverAnEmptyAxisIsZeroAndMaxThrows()
    {
        var x = Tensor.Zeros<float>(new Shape(0, 3), Device);
        // numpy.zeros((0, 3)).sum(axis=0) = [0, 0, 0]; .sum() = 0; .max(axis=0) raises ValueError.
        AssertExact(new RefArray([3], [0, 0, 0]), x.Sum(0), "sum over axis 0");
        AssertExact(new RefArray([1, 3], [0, 0, 0]), x.Sum(0, keepDims: true), "sum over axis 0, keepDims");
        AssertExact(new RefArray([], [0]), x.Sum(), "sum over all");
        Throws<ArgumentException>(() => x.Max(0), "max", "axis 0", "(0,3)");
        Throws<ArgumentException>(() => x.Min([-2]), "min", "axis 0", "(0,3)");
        Throws<ArgumentException>(() => x.ArgMax(0), "argmax", "(0,3)");
        // NumPy's mean of nothing is 0/0 = nan with a warning; DeepSeq refuses rather than pass a NaN on.
        Throws<ArgumentException>(() => x.Mean(0), "mean", "empty", "(0,3)");
        Throws<ArgumentException>(() => x.Variance(0), "variance", "(0,3)");
    }

    [Fact]
    public void ReducingNoAxesOrAScalarChangesNothing()
    {
        var s = Tensor.Scalar(4f, Device);
        Assert.Equal(4f, s.Sum().Item());
        Assert.Equal(4f, s.Max().Item());
        var x = Tensor.Arange(6f, Device).Reshape(2, 3).Transpose();
        AssertExact(Ref(x), x.Sum([]), "sum over no axes");
        AssertExact(Ref(x), x.Max([], keepDims: true), "max over no axes");
    }

    private static string Show(int[]? axes) => axes is null ? "all" : $"[{string.Join(",", axes)}]";

    [Fact]
    public void ArgMaxWithoutAnAxisIndexesTheFlattenedTensor()
    {
        // numpy.argmax([[1, 9, 9], [9, 0, 2]]) == 1: the first maximum in row-major order.
        Assert.Equal(1, Matrix(new float[,] { { 1, 9, 9 }, { 9, 0, 2 } }).ArgMax());
        Assert.Equal(5, Matrix(new float[,] { { 1, 2, 3 }, { 4, 0, 5 } }).Transpose().ArgMax());   // a view: [[1,4],[2,0],[3,5]]
    }
}

public sealed class ReductionsTestsOnCpu : ReductionsTests
{
    protected override Device Device => Device.Cpu;

    [Fact]
    public void ArgMaxCountsPositionsBeyondWhatAFloatCanHold()
    {
        // 2²⁴ + 3 elements: float positions above 2²⁴ are not exact; the answer must be the exact last index.
        int n = (1 << 24) + 3;
        var data = new float[n];
        data[n - 1] = 1f;
        Assert.Equal(n - 1, Tensor.FromArray(data).ArgMax(0).Item());
    }

    [Fact]
    public void AStridedReductionOfOneLongVectorFoldsInOnePass()
    {
        // A reversed vector has stride −1 along the reduced axis and a single output: folded per output.
        var x = Tensor.Arange(0.0, 100_000.0, 1.0).Flip(0);
        Assert.Equal(4_999_950_000.0, x.Sum(0).Item());
        Assert.Equal(0.0, x.Min(0).Item());
    }
}

public sealed class ReductionsTestsOnIlgpu : ReductionsTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

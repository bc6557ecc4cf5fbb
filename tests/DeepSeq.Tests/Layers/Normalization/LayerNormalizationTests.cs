using DeepSeq.Autograd;
using DeepSeq.Layers;
using DeepSeq.Tests.Layers.Core;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Normalization;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// <see cref="LayerNormalization"/> (src/Layers/Normalization/LayerNormalization.cs) over random shapes, axes,
/// values and ε: with γ = 1 and β = 0 every row along the axis has mean 0 and variance σ²/(σ² + ε) exactly (σ² its
/// variance before); the float64 gradients with respect to the input, γ and β agree with central differences;
/// another axis is the last axis of the input with that axis moved last; and the errors.
/// </summary>
public sealed class LayerNormalizationTests
{
    private static void Property<TCase>(Gen<TCase> gen, Action<TCase> body, int cases = 25)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true),
            Prop.ForAll(gen.ToArbitrary(), body));

    /// <summary>An input shape of rank 2–4 (the batch first), dimensions 1–4, and an axis after the batch axis,
    /// given as positive or negative.</summary>
    private static Gen<(int[] Shape, int Axis)> ShapeAndAxis() =>
        from rank in Gen.Choose(2, 4)
        from dims in Gen.ArrayOf(Gen.Choose(1, 4), rank)
        from axis in Gen.Choose(1, rank - 1)
        from negative in Gen.Elements(true, false)
        select (dims, negative ? axis - rank : axis);

    /// <summary>Values a·u + b with u uniform in [−1, 1), a random scale (10⁻³ … 10³) and b a random offset: rows
    /// far from mean 0 and variance 1.</summary>
    private static Tensor<double> Values(int[] shape, int seed)
    {
        var random = new Random(seed);
        double scale = Math.Pow(10, random.NextDouble() * 6 - 3), offset = random.NextDouble() * 20 - 10;
        int size = shape.Aggregate(1, (p, d) => p * d);
        return Tensor.FromArray<double>([.. Enumerable.Range(0, size)
            .Select(_ => offset + scale * (2 * random.NextDouble() - 1))], new Shape(shape));
    }

    /// <summary>The rows of <paramref name="values"/> (C order, of <paramref name="shape"/>) along
    /// <paramref name="axis"/> (0 … rank − 1): each the flat indices of one row.</summary>
    private static IEnumerable<int[]> Rows(int[] shape, int axis)
    {
        int outer = shape[..axis].Aggregate(1, (p, d) => p * d), n = shape[axis];
        int inner = shape[(axis + 1)..].Aggregate(1, (p, d) => p * d);
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                yield return [.. Enumerable.Range(0, n).Select(j => (o * n + j) * inner + i)];
    }

    private static (double Mean, double Variance) Moments(double[] values, int[] row)
    {
        double mean = row.Average(k => values[k]);
        return (mean, row.Average(k => (values[k] - mean) * (values[k] - mean)));
    }

    [Fact]
    public void Rows_have_mean_zero_and_variance_var_over_var_plus_epsilon() => Property(
        from shapeAndAxis in ShapeAndAxis()
        from epsilon in Gen.Elements(1e-12, 1e-5, 1e-3, 0.1, 10.0)
        from seed in Gen.Choose(0, 10_000)
        select (shapeAndAxis.Shape, shapeAndAxis.Axis, epsilon, seed),
        t =>
        {
            var x = Values(t.Shape, t.seed);
            var y = new LayerNormalization(t.Axis, t.epsilon).Call(new Variable<double>(x)).Data;
            Assert.Equal(x.Shape, y.Shape);
            double[] xs = x.ToArray(), ys = y.ToArray();
            int axis = t.Axis < 0 ? t.Axis + t.Shape.Length : t.Axis;
            foreach (var row in Rows(t.Shape, axis))
            {
                var (_, variance) = Moments(xs, row);
                var (mean, normalised) = Moments(ys, row);
                double spread = Math.Sqrt(variance) + 1e-300;
                Assert.True(Math.Abs(mean) <= 1e-9,
                    $"mean {mean} along axis {t.Axis} of ({string.Join(",", t.Shape)})");
                // ε = 1e-12 on values of scale 1e-3 is ε relative to σ² of 1e-6: still only rounding.
                Assert.Equal(variance / (variance + t.epsilon), normalised, 1e-9 * (1 + 1e-6 / spread));
            }
        });

    [Fact]
    public void Gradients_match_central_differences() => Property(
        from shapeAndAxis in ShapeAndAxis()
        from epsilon in Gen.Elements(1e-5, 1e-3, 0.5)
        from center in Gen.Elements(true, false)
        from scale in Gen.Elements(true, false)
        from seed in Gen.Choose(0, 10_000)
        select (shapeAndAxis.Shape, shapeAndAxis.Axis, epsilon, center, scale, seed),
        t =>
        {
            Session.SetRandomSeed((ulong)t.seed);
            var layer = new LayerNormalization(t.Axis, t.epsilon, t.center, t.scale, betaInitializer: "uniform",
                gammaInitializer: "uniform");
            var c = new LayerCase("layer_normalization", _ => layer, [t.Shape[1..]], 0);
            var x = LayerCases.Batch<double>(c, t.Shape[0], t.Shape[1..], new Random(t.seed));
            layer.Call(new Variable<double>(x));
            Assert.Equal((t.center ? 1 : 0) + (t.scale ? 1 : 0), layer.Weights.Count);
            LayerGradCheck.Assert(layer, [x], differentiable: true, xs => layer.Call(xs[0]),
                $"LayerNormalization(axis {t.Axis}, ε {t.epsilon}, center {t.center}, scale {t.scale}) on " +
                $"({string.Join(",", t.Shape)})");
        });

    [Theory]
    [InlineData(1)]
    [InlineData(-2)]
    public void Another_axis_is_the_last_axis_with_that_axis_moved_last(int axis)
    {
        Session.SetRandomSeed(7);
        var x = Values([2, 3, 4], seed: 11);
        var alongSteps = new LayerNormalization(axis, gammaInitializer: "uniform", betaInitializer: "uniform");
        var y = alongSteps.Call(new Variable<double>(x)).Data;
        Assert.Equal([3], alongSteps.Gamma!.Shape.ToArray());
        var last = new LayerNormalization();
        last.Call(new Variable<double>(x.Transpose(1, 2)));
        last.Gamma!.Assign(alongSteps.Gamma.Variable<double>().Data);
        last.Beta!.Assign(alongSteps.Beta!.Variable<double>().Data);
        var expected = last.Call(new Variable<double>(x.Transpose(1, 2))).Data.Transpose(1, 2);
        Assert.Equal(expected.ToArray(), y.ToArray(), new ToleranceComparer(1e-12));
        Assert.Equal(axis, alongSteps.GetConfig()["axis"]);
    }

    [Fact]
    public void A_constant_row_becomes_beta()
    {
        var layer = new LayerNormalization(epsilon: 1e-6, betaInitializer: "uniform");
        var y = layer.Call(new Variable<double>(Tensor.FromArray<double>(new double[,] { { 3, 3, 3 } }))).Data;
        Assert.Equal(layer.Beta!.Variable<double>().Data.ToArray(), y.ToArray());
    }

    [Fact]
    public void Parameters_are_two_per_feature_along_the_axis()
    {
        var layer = new LayerNormalization(axis: 1);
        layer.Call(new Variable<double>(Tensor.Zeros<double>(new Shape(2, 5, 3))));
        Assert.Equal(2 * 5, layer.CountParams());
        var bare = new LayerNormalization(center: false, scale: false);
        bare.Call(new Variable<double>(Tensor.Zeros<double>(new Shape(2, 5, 3))));
        Assert.Equal(0, bare.CountParams());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-5)]
    [InlineData(double.NaN)]
    public void Epsilon_must_be_positive(double epsilon)
        => Assert.Contains("epsilon must be positive",
            Assert.Throws<ArgumentException>(() => new LayerNormalization(epsilon: epsilon)).Message);

    [Theory]
    [InlineData(3)]
    [InlineData(-3)]
    [InlineData(7)]
    public void An_axis_outside_the_sample_is_an_error_naming_it(int axis)
    {
        var layer = new LayerNormalization(axis);
        var e = Assert.Throws<ArgumentException>(
            () => layer.Call(new Variable<double>(Tensor.Zeros<double>(new Shape(2, 3, 4)))));
        Assert.Contains($"axis {axis}", e.Message);
        Assert.Contains("rank 3", e.Message);
    }

    [Fact]
    public void The_batch_axis_cannot_be_normalised()
        => Assert.Contains("batch axis",
            Assert.Throws<ArgumentException>(() => new LayerNormalization(axis: 0)).Message);

    /// <summary>|a − b| ≤ tolerance.</summary>
    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}

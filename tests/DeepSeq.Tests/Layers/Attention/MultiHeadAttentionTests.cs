using DeepSeq.Autograd;
using DeepSeq.Layers;
using DeepSeq.Tests.Layers.Core;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Attention;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// <see cref="MultiHeadAttention"/> (src/Layers/Attention/MultiHeadAttention.cs) over random sizes: attention is a
/// weighted sum over the key/value positions, so permuting them together changes nothing; a masked-out position
/// changes nothing whatever it holds; one head with identity projections is softmax(QKᵀ/√d)·V computed by hand;
/// float64 gradients with respect to query, value, key and all eight weights match central differences; Keras's
/// parameter count; and errors on shapes that do not fit.
/// </summary>
public sealed class MultiHeadAttentionTests
{
    private static void Property<TCase>(Gen<TCase> gen, Action<TCase> body, int cases = 25)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true),
            Prop.ForAll(gen.ToArbitrary(), body));

    /// <summary>Random sizes: batch, query steps T, key/value steps S, the three feature sizes, heads and head
    /// sizes, and a seed.</summary>
    private sealed record Sizes(int Batch, int T, int S, int Dq, int Dv, int Dk, int Heads, int KeyDim,
        int ValueDim, int Seed)
    {
        public override string ToString() =>
            $"batch {Batch}, T {T}, S {S}, d_q {Dq}, d_v {Dv}, d_k {Dk}, heads {Heads}, key_dim {KeyDim}, " +
            $"value_dim {ValueDim}, seed {Seed}";
    }

    private static Gen<Sizes> AnySizes(int maxS = 4) =>
        from batch in Gen.Choose(1, 2)
        from t in Gen.Choose(1, 3)
        from s in Gen.Choose(1, maxS)
        from dq in Gen.Choose(1, 4)
        from dv in Gen.Choose(1, 4)
        from dk in Gen.Choose(1, 4)
        from heads in Gen.Choose(1, 3)
        from keyDim in Gen.Choose(1, 3)
        from valueDim in Gen.Choose(1, 3)
        from seed in Gen.Choose(0, 10_000)
        select new Sizes(batch, t, s, dq, dv, dk, heads, keyDim, valueDim, seed);

    /// <summary>A layer of <paramref name="s"/>'s heads, its weights (biases too) drawn from the seed.</summary>
    private static MultiHeadAttention Layer(Sizes s)
    {
        Session.SetRandomSeed((ulong)s.Seed);
        return new MultiHeadAttention(s.Heads, s.KeyDim, s.ValueDim, biasInitializer: "uniform");
    }

    private static Tensor<double> Random(Random random, params int[] shape) =>
        Tensor.FromArray<double>([.. Enumerable.Range(0, shape.Aggregate(1, (p, d) => p * d))
            .Select(_ => 2 * random.NextDouble() - 1)], new Shape(shape));

    private static (Tensor<double> Query, Tensor<double> Value, Tensor<double> Key) Inputs(Sizes s, Random random)
        => (Random(random, s.Batch, s.T, s.Dq), Random(random, s.Batch, s.S, s.Dv), Random(random, s.Batch, s.S, s.Dk));

    /// <summary>x (batch, S, d) with step j of every sample replaced by <paramref name="pick"/>(b, j)'s row of
    /// <paramref name="source"/>, or by step <paramref name="pick"/>(b, j) of x itself when source is null.</summary>
    private static Tensor<double> Steps(Tensor<double> x, Func<int, int, int> pick, Tensor<double>? source = null)
    {
        var (batch, steps, d) = (x.Shape[0], x.Shape[1], x.Shape[2]);
        double[] from = (source ?? x).ToArray(), to = x.ToArray();
        for (int b = 0; b < batch; b++)
            for (int j = 0; j < steps; j++)
            {
                int k = source is null ? pick(b, j) : j;
                if (source is not null && pick(b, j) == 0) continue;
                Array.Copy(from, (b * steps + k) * d, to, (b * steps + j) * d, d);
            }
        return Tensor.FromArray<double>(to, x.Shape);
    }

    private static void AssertClose(Tensor<double> expected, Tensor<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        double worst = expected.ToArray().Zip(actual.ToArray(), (e, a) => Math.Abs(e - a)).DefaultIfEmpty().Max();
        Assert.True(worst <= tolerance, $"{what}: max |Δ| = {worst:E3} > {tolerance:E1}");
    }

    [Fact]
    public void Permuting_key_and_value_positions_together_changes_nothing() => Property(AnySizes(), s =>
    {
        var random = new Random(s.Seed);
        var (query, value, key) = Inputs(s, random);
        int[] permutation = [.. Enumerable.Range(0, s.S).OrderBy(_ => random.Next())];
        var layer = Layer(s);
        var before = layer.Call(new Variable<double>(query), new Variable<double>(value), new Variable<double>(key));
        var after = layer.Call(new Variable<double>(query),
            new Variable<double>(Steps(value, (_, j) => permutation[j])),
            new Variable<double>(Steps(key, (_, j) => permutation[j])));
        AssertClose(before.Data, after.Data, 1e-12, $"{s}, permutation {string.Join(",", permutation)}");
    });

    [Fact]
    public void Masked_out_positions_change_nothing_whatever_they_hold() => Property(AnySizes(), s =>
    {
        var random = new Random(s.Seed);
        var (query, value, key) = Inputs(s, random);
        // (batch, 1, S) of 0 and 1, each sample keeping at least one key.
        var keep = new double[s.Batch * s.S];
        for (int b = 0; b < s.Batch; b++)
        {
            for (int j = 0; j < s.S; j++) keep[b * s.S + j] = random.Next(2);
            keep[b * s.S + random.Next(s.S)] = 1;
        }
        var mask = Tensor.FromArray<double>(keep, new Shape(s.Batch, 1, s.S));
        int Masked(int b, int j) => keep[b * s.S + j] == 0 ? 1 : 0;
        var layer = Layer(s);
        var before = layer.Call(new Variable<double>(query), new Variable<double>(value), new Variable<double>(key),
            mask);
        var noise = (Random(random, s.Batch, s.S, s.Dv), Random(random, s.Batch, s.S, s.Dk));
        var after = layer.Call(new Variable<double>(query),
            new Variable<double>(Steps(value, Masked, Scaled(noise.Item1, 100))),
            new Variable<double>(Steps(key, Masked, Scaled(noise.Item2, 100))), mask);
        AssertClose(before.Data, after.Data, 1e-12, $"{s}, keep {string.Join("", keep)}");
    });

    private static Tensor<double> Scaled(Tensor<double> x, double factor)
        => Tensor.FromArray<double>([.. x.ToArray().Select(v => v * factor)], x.Shape);

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 3, 4, 2)]
    [InlineData(1, 4, 2, 5)]
    public void One_head_with_identity_projections_is_softmax_of_scaled_scores_times_values(int batch, int t, int s,
        int d)
    {
        var random = new Random(batch * 1000 + t * 100 + s * 10 + d);
        var (query, value, key) =
            (Random(random, batch, t, d), Random(random, batch, s, d), Random(random, batch, s, d));
        var layer = new MultiHeadAttention(1, d);
        layer.Call(new Variable<double>(query), new Variable<double>(value), new Variable<double>(key));
        var identity = Tensor.FromArray<double>([.. Enumerable.Range(0, d * d).Select(k => k / d == k % d ? 1.0 : 0)],
            new Shape(d, d));
        foreach (var projection in new[] { layer.Query!, layer.Key!, layer.Value!, layer.AttentionOutput! })
        {
            projection.Kernel.Assign(identity.Reshape(projection.Kernel.Shape.ToArray()));
            Assert.Equal(0.0, projection.Bias!.Variable<double>().Data.ToArray().Max(Math.Abs));
        }
        var actual = layer.Call(new Variable<double>(query), new Variable<double>(value), new Variable<double>(key));

        double[] q = query.ToArray(), k = key.ToArray(), v = value.ToArray();
        var expected = new double[batch * t * d];
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < t; i++)
            {
                var scores = Enumerable.Range(0, s).Select(j => Enumerable.Range(0, d)
                    .Sum(c => q[(b * t + i) * d + c] * k[(b * s + j) * d + c]) / Math.Sqrt(d)).ToArray();
                double max = scores.Max();
                var weights = scores.Select(x => Math.Exp(x - max)).ToArray();
                double total = weights.Sum();
                for (int c = 0; c < d; c++)
                    expected[(b * t + i) * d + c] = Enumerable.Range(0, s).Sum(j => weights[j] / total
                        * v[(b * s + j) * d + c]);
            }
        AssertClose(Tensor.FromArray<double>(expected, new Shape(batch, t, d)), actual.Data, 1e-12,
            $"batch {batch}, T {t}, S {s}, d {d}");
    }

    [Fact]
    public void Gradients_match_central_differences() => Property(
        from s in AnySizes(maxS: 3)
        from masked in Gen.Elements(true, false)
        select (s, masked),
        c =>
        {
            var s = c.s;
            var random = new Random(s.Seed);
            var (query, value, key) = Inputs(s, random);
            // Keys 0 of every sample are kept; the others are masked at random.
            Tensor<double>? mask = c.masked
                ? Tensor.FromArray<double>([.. Enumerable.Range(0, s.Batch * s.S)
                    .Select(k => k % s.S == 0 ? 1.0 : random.Next(2))], new Shape(s.Batch, 1, s.S))
                : null;
            var layer = Layer(s);
            layer.Call(new Variable<double>(query), new Variable<double>(value), new Variable<double>(key));
            LayerGradCheck.Assert(layer, [query, value, key], differentiable: true,
                xs => layer.Call(xs[0], xs[1], xs[2], mask), $"MultiHeadAttention({s}, masked {c.masked})");
        }, cases: 15);

    [Fact]
    public void Parameters_are_counted_as_keras_counts_them() => Property(
        from s in AnySizes()
        from output in Gen.Elements<int?>(null, 1, 5)
        from bias in Gen.Elements(true, false)
        select (s, output, bias),
        c =>
        {
            var s = c.s;
            var layer = new MultiHeadAttention(s.Heads, s.KeyDim, s.ValueDim, useBias: c.bias, outputShape: c.output);
            var random = new Random(s.Seed);
            var (query, value, key) = Inputs(s, random);
            var y = layer.Call(new Variable<double>(query), new Variable<double>(value), new Variable<double>(key));
            int h = s.Heads, k = s.KeyDim, v = s.ValueDim, o = c.output ?? s.Dq, b = c.bias ? 1 : 0;
            long expected = (long)s.Dq * h * k + b * h * k + s.Dk * h * k + b * h * k + s.Dv * h * v + b * h * v
                + h * v * o + b * o;
            Assert.Equal(expected, layer.CountParams());
            Assert.Equal([s.Batch, s.T, o], y.Shape.ToArray());
            Assert.Equal(c.bias ? 8 : 4, layer.Weights.Count);
        });

    [Fact]
    public void Shapes_that_do_not_fit_are_errors_naming_them()
    {
        var random = new Random(1);
        var layer = new MultiHeadAttention(2, 3);
        Variable<double> Var(params int[] shape) => new(Random(random, shape));
        string Error(Action call) => Assert.Throws<ArgumentException>(call).Message;

        Assert.Contains("same steps", Error(() => layer.Call(Var(2, 3, 4), Var(2, 2, 4), Var(2, 3, 4))));
        Assert.Contains("(batch, steps, features)", Error(() => layer.Call(Var(2, 4), Var(2, 2, 4))));
        layer.Call(Var(2, 3, 4), Var(2, 2, 5));
        Assert.Contains("built for", Error(() => layer.Call(Var(2, 3, 6), Var(2, 2, 5))));
        Assert.Contains("does not broadcast", Error(() => layer.Call(Var(2, 3, 4), Var(2, 2, 5), null,
            Tensor.Ones<double>(new Shape(2, 1, 3)))));
        Assert.Contains("(batch, T, S)", Error(() => layer.Call(Var(2, 3, 4), Var(2, 2, 5), null,
            Tensor.Ones<double>(new Shape(2, 2)))));
        Assert.Contains("at least 1", Error(() => new MultiHeadAttention(0, 3)));
        Assert.Contains("at least 1", Error(() => new MultiHeadAttention(2, 3, valueDim: 0)));
    }
}

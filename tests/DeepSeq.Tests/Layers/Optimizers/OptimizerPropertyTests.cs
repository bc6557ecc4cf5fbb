using System.Numerics;
using DeepSeq.Autograd;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Tests.Autograd;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static DeepSeq.Tests.Layers.Optimizers.OptimizerTestKit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>
/// Properties over random shapes (rank 0–3) and values: a zero gradient moves nothing, clipping bounds the
/// gradient as documented, and the float32 and float64 paths agree. Covers GradientClipping.cs and the rules of
/// Sgd.cs, RmsProp.cs, Adagrad.cs and Adam.cs.
/// </summary>
public sealed class OptimizerPropertyTests
{
    /// <summary>Every rule in a non-trivial configuration, named for failure messages.</summary>
    private static readonly (string Name, Func<Optimizer> Make)[] Rules =
    [
        ("sgd", () => new Sgd(0.1)),
        ("sgd momentum", () => new Sgd(0.1, momentum: 0.9)),
        ("sgd nesterov", () => new Sgd(0.1, momentum: 0.9, nesterov: true)),
        ("rmsprop", () => new RmsProp(0.01)),
        ("rmsprop centered momentum", () => new RmsProp(0.01, momentum: 0.5, centered: true)),
        ("adagrad", () => new Adagrad(0.1)),
        ("adam", () => new Adam(0.01)),
        ("amsgrad", () => new Adam(0.01, amsgrad: true)),
    ];

    private sealed record Case(int[] Shape, double[] W, double[][] G, int Rule);

    /// <summary>A shape, a start w and three gradients of that shape, and one of <see cref="Rules"/>.</summary>
    private static Gen<Case> Cases(Gen<double> gradientValue) =>
        from shape in GradGen.Shape(24)
        let size = shape.Aggregate(1, (p, d) => p * d)
        from w in Gen.ArrayOf(GradGen.Moderate, size)
        from g in Gen.ArrayOf(Gen.ArrayOf(gradientValue, size), 3)
        from rule in Gen.Choose(0, Rules.Length - 1)
        select new Case(shape, w, g, rule);

    [Fact]
    public void ZeroGradientWithNoHistoryLeavesWeightsExactlyUnchanged() => Property(Cases(GradGen.Moderate), c =>
    {
        var (name, make) = Rules[c.Rule];
        var w = Parameter<double>(c.W, c.Shape);
        SetGradient(w, new double[c.W.Length]);
        make().Apply([w]);
        Assert.True(c.W.SequenceEqual(Values(w)), $"{name}: a zero gradient moved the weights");
    });

    [Fact]
    public void Float32AndFloat64PathsAgree() => Property(Cases(GradGen.Moderate), c =>
    {
        var (name, make) = Rules[c.Rule];
        var (single, dbl) = (make(), make());
        var (w32, w64) = (Parameter<float>(c.W, c.Shape), Parameter<double>(c.W, c.Shape));
        foreach (var g in c.G)
        {
            SetGradient(w32, g);
            SetGradient(w64, g);
            single.Apply([w32]);
            dbl.Apply([w64]);
        }
        AssertClose(Values(w64), Values(w32), 1e-5, $"{name}: float32 against float64");
    });

    // Gradients from tiny to large, so that clipping sometimes acts and sometimes does not.
    private static readonly Gen<double> AnyScale =
        from v in GradGen.Moderate from scale in Gen.Elements(0.01, 1.0, 100.0) select v * scale;

    /// <summary>SGD with η = 1 from w = 0: after one step w = −clip(g), so the clipped gradient can be read off w.</summary>
    private static double[] ClippedBySgd(double[] g, int[] shape, Func<Sgd> make)
    {
        var w = Parameter<double>(new double[g.Length], shape);
        SetGradient(w, g);
        make().Apply([w]);
        return [.. Values(w).Select(x => -x)];
    }

    private static double Norm(IEnumerable<double> v) => Math.Sqrt(v.Sum(x => x * x));

    [Fact]
    public void ClipNormRescalesToAtMostTheThresholdAndKeepsDirection() => Property(
        from c in Cases(AnyScale) from threshold in Gen.Elements(0.5, 1.0, 3.0) select (c, threshold),
        t =>
        {
            var g = t.c.G[0];
            var clipped = ClippedBySgd(g, t.c.Shape, () => new Sgd(1.0) { ClipNorm = t.threshold });
            double scale = Math.Min(1, t.threshold / Norm(g));   // Keras: g·c / max(‖g‖, c)
            Assert.True(Norm(clipped) <= t.threshold * (1 + 1e-12), $"norm {Norm(clipped)} > {t.threshold}");
            AssertClose([.. g.Select(x => x * scale)], clipped, 1e-12, "clipnorm");
        });

    [Fact]
    public void ClipValueClampsEveryElement() => Property(
        from c in Cases(AnyScale) from threshold in Gen.Elements(0.5, 1.0, 3.0) select (c, threshold),
        t =>
        {
            var g = t.c.G[0];
            var clipped = ClippedBySgd(g, t.c.Shape, () => new Sgd(1.0) { ClipValue = t.threshold });
            AssertClose([.. g.Select(x => Math.Clamp(x, -t.threshold, t.threshold))], clipped, 1e-15, "clipvalue");
        });

    [Fact]
    public void GlobalClipNormBoundsTheJointNormOfAllGradients() => Property(
        from c in Cases(AnyScale) from other in Gen.ArrayOf(AnyScale, 3) from threshold in Gen.Elements(0.5, 1.0, 3.0) select (c, other, threshold),
        t =>
        {
            var (g1, g2) = (t.c.G[0], t.other);
            var w1 = Parameter<double>(new double[g1.Length], t.c.Shape);
            var w2 = Parameter<double>(new double[3]);
            SetGradient(w1, g1);
            SetGradient(w2, g2);
            new Sgd(1.0) { GlobalClipNorm = t.threshold }.Apply([w1, w2]);
            double joint = Norm(g1.Concat(g2));
            double scale = Math.Min(1, t.threshold / joint);
            AssertClose([.. g1.Concat(g2).Select(x => -x * scale)], [.. Values(w1).Concat(Values(w2))], 1e-12, "global clipnorm");
        });
}

using DeepSeq.Autograd;
using DeepSeq.Layers;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Core;

/// <summary>
/// The layer contract of <see cref="LayerContractTests"/> over random configurations: Dense of random width,
/// rank, activation and bias; Activation, Flatten and Reshape on random shapes. Each case checks the symbolic shape
/// against the eager one and the float64 gradients with respect to the input and every weight. Covers
/// src/Layers/Core/Dense.cs, ActivationLayer.cs, Activations.cs, Flatten.cs and Reshape.cs.
/// </summary>
public sealed class LayerPropertyTests
{
    private static void Property<TCase>(Gen<TCase> gen, Action<TCase> body, int cases = 25)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true), Prop.ForAll(gen.ToArbitrary(), body));

    /// <summary>A sample shape of rank 1–3, dimensions 1–3.</summary>
    private static Gen<int[]> Sample(int minRank = 1) =>
        from rank in Gen.Choose(minRank, 3)
        from dims in Gen.ArrayOf(Gen.Choose(1, 3), rank)
        select dims;

    /// <summary>
    /// Symbolic shape = eager shape for a batch of <paramref name="batch"/>, then the gradient check; the layer is
    /// built in float64 by the eager call.
    /// </summary>
    private static void CheckLayer(Layer layer, int[] sample, int batch, int seed, string what)
    {
        var c = new LayerCase(what, _ => layer, [sample], 0);
        var x = LayerCases.Batch<double>(c, batch, sample, new Random(seed));
        var eager = layer.Call(new Variable<double>(x)).Data;
        Assert.Equal(batch, eager.Shape[0]);
        var shapeOnly = layer switch
        {
            Dense d => new Dense(d.Units, d.Activation, d.UseBias),
            Activation a => new Activation(a.Function),
            Reshape r => new Reshape([.. r.TargetShape]),
            _ => (Layer)new Flatten(),
        };
        Assert.Equal(shapeOnly.Call(new Input(sample)).Shape, SymbolicShape.FromBatch(eager.Shape));
        LayerGradCheck.Assert(layer, [x], differentiable: true, xs => layer.Call(xs[0]), what);
    }

    [Fact]
    public void Dense_of_any_width_rank_activation_and_bias() => Property(
        from sample in Sample()
        from units in Gen.Choose(1, 4)
        from activation in Gen.Elements(Activations.Names.ToArray())
        from bias in Gen.Elements(true, false)
        from batch in Gen.Choose(1, 3)
        from seed in Gen.Choose(0, 10_000)
        select (sample, units, activation, bias, batch, seed),
        t =>
        {
            Session.SetRandomSeed((ulong)t.seed);
            var dense = new Dense(t.units, t.activation, t.bias);
            CheckLayer(dense, t.sample, t.batch, t.seed, $"Dense({t.units}, {t.activation}, bias {t.bias}) on ({string.Join(",", t.sample)})");
            Assert.Equal((long)t.sample[^1] * t.units + (t.bias ? t.units : 0), dense.CountParams());
        });

    [Fact]
    public void Activation_on_any_shape() => Property(
        from sample in Sample()
        from activation in Gen.Elements(Activations.Names.ToArray())
        from seed in Gen.Choose(0, 10_000)
        select (sample, activation, seed),
        t => CheckLayer(new Activation(t.activation), t.sample, 2, t.seed, $"Activation({t.activation}) on ({string.Join(",", t.sample)})"));

    [Fact]
    public void Flatten_and_reshape_on_any_shape() => Property(
        from sample in Sample()
        from inferred in Gen.Choose(0, 1)
        from seed in Gen.Choose(0, 10_000)
        select (sample, inferred, seed),
        t =>
        {
            int size = t.sample.Aggregate(1, (p, d) => p * d);
            CheckLayer(new Flatten(), t.sample, 2, t.seed, $"Flatten on ({string.Join(",", t.sample)})");
            // Reverse the sample's dims: the same size in another shape; or ask for (−1, last) and let the layer infer.
            int[] target = t.inferred == 1 ? [-1, t.sample[^1]] : [.. t.sample.Reverse()];
            CheckLayer(new Reshape(target), t.sample, 2, t.seed, $"Reshape({string.Join(",", target)}) on ({string.Join(",", t.sample)}), {size} elements");
        });
}

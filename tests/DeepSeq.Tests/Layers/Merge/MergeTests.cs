using DeepSeq.Autograd;
using DeepSeq.Layers;
using DeepSeq.Tests.Autograd;
using DeepSeq.Tests.Layers.Core;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Merge;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The element-wise merges (Merge.cs and its Add.cs, Multiply.cs, Average.cs) combine same-shaped inputs element by
/// element: values on fixed inputs, gradients over random shapes and input counts, and the errors for inputs that do
/// not fit; and a known size wins over an unknown one, for them and for Concatenate.cs.
/// </summary>
public sealed class MergeTests
{
    private static Variable<double> V(params double[] values) => new(Tensor.FromArray<double>(values, [1, values.Length]));

    [Fact]
    public void Add_multiply_and_average_combine_element_by_element()
    {
        Session.SetRandomSeed(1);
        Variable<double>[] xs = [V(1, 2, -3), V(4, 0.5, 2), V(-2, 2, 7)];
        Assert.Equal([3.0, 4.5, 6], new Add().Call<double>(xs)[0].Data.ToArray());
        Assert.Equal([-8.0, 2, -42], new DeepSeq.Layers.Multiply().Call<double>(xs)[0].Data.ToArray());
        Assert.Equal([1.0, 1.5, 2], new Average().Call<double>(xs)[0].Data.ToArray());
    }

    [Fact]
    public void Elementwise_merges_refuse_shapes_that_differ()
    {
        Session.SetRandomSeed(4);
        var e = Assert.Throws<ArgumentException>(() => new Add().Call([new Input(3), new Input(4)]));
        Assert.Contains("(None, 3)", e.Message);
        Assert.Contains("(None, 4)", e.Message);
        Assert.Throws<ArgumentException>(() => new Average().Call([new Input(3)]));
        // Eagerly, a layer built for one shape refuses another batch shape.
        var add = new Add();
        add.Call<double>([V(1, 2), V(3, 4)]);
        Assert.Throws<ArgumentException>(() => add.Call<double>([V(1, 2, 3), V(3, 4, 5)]));
    }

    [Fact]
    public void A_known_size_wins_over_an_unknown_one()
    {
        Session.SetRandomSeed(5);
        Assert.Equal(new SymbolicShape(null, 4), new Add().Call([new Input([(int?)null]), new Input(4)])[0].Shape);
        Assert.Equal(new SymbolicShape(null, null), new Concatenate().Call([new Input([(int?)null]), new Input(4)])[0].Shape);
    }

    /// <summary>2–3 inputs of one random shape (rank 1–3 per sample), values ±[0.5, 2].</summary>
    private static Gen<(string Kind, int[] Sample, int Count, int Seed)> MergeCases() =>
        from kind in Gen.Elements("add", "multiply", "average")
        from rank in Gen.Choose(1, 3)
        from sample in Gen.ArrayOf(Gen.Choose(1, 3), rank)
        from count in Gen.Choose(2, 3)
        from seed in Gen.Choose(0, 1000)
        select (kind, sample, count, seed);

    [Fact]
    public void Elementwise_merge_gradients_over_random_shapes() => Check.One(
        Config.QuickThrowOnFailure.WithMaxTest(25).WithQuietOnSuccess(true),
        Prop.ForAll(MergeCases().ToArbitrary(), t =>
        {
            Layer layer = t.Kind switch { "add" => new Add(), "multiply" => new DeepSeq.Layers.Multiply(), _ => new Average() };
            var random = new Random(t.Seed);
            var c = new LayerCase(t.Kind, _ => layer, [.. Enumerable.Repeat(t.Sample, t.Count)], 0);
            var inputs = c.SampleShapes.Select(s => LayerCases.Batch<double>(c, 2, s, random)).ToArray();
            Assert.Equal(inputs[0].Shape, layer.Call<double>(inputs.Select(x => new Variable<double>(x)).ToArray())[0].Shape);
            LayerGradCheck.Assert(layer, inputs, differentiable: true, xs => layer.Call<double>(xs)[0], $"{t.Kind} of {t.Count} × ({string.Join(",", t.Sample)})");
        }));
}

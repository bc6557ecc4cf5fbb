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
/// The merge layers: Add, Multiply and Average combine same-shaped inputs element by element; Concatenate joins
/// along an axis. Values on fixed inputs, gradients over random shapes and input counts, and the errors for
/// inputs that do not fit.
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
    public void Concatenate_joins_along_the_axis_counting_the_batch()
    {
        Session.SetRandomSeed(2);
        var a = new Variable<double>(Tensor.FromArray<double>(new double[,] { { 1, 2 }, { 3, 4 } }).Reshape(2, 1, 2));
        var b = new Variable<double>(Tensor.FromArray<double>(new double[,] { { 5, 6 }, { 7, 8 } }).Reshape(2, 1, 2));
        var last = new Concatenate().Call<double>([a, b])[0].Data;
        Assert.Equal([2, 1, 4], last.Shape.ToArray());
        Assert.Equal([1.0, 2, 5, 6, 3, 4, 7, 8], last.ToArray());
        var time = new Concatenate(axis: 1).Call<double>([a, b])[0].Data;
        Assert.Equal([2, 2, 2], time.Shape.ToArray());
        Assert.Equal([1.0, 2, 5, 6, 3, 4, 7, 8], time.ToArray());
    }

    [Fact]
    public void Concatenate_refuses_inputs_that_disagree_off_the_axis_naming_the_shapes()
    {
        Session.SetRandomSeed(3);
        var e = Assert.Throws<ArgumentException>(() => new Concatenate(axis: 1).Call([new Input(2, 3), new Input(2, 4)]));
        Assert.Contains("(None, 2, 3)", e.Message);
        Assert.Contains("(None, 2, 4)", e.Message);
        Assert.Throws<ArgumentException>(() => new Concatenate().Call([new Input(2, 3), new Input(3)]));   // ranks differ
        Assert.Contains("batch", Assert.Throws<ArgumentException>(() => new Concatenate(axis: 0).Call([new Input(3), new Input(3)])).Message);
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() => new Concatenate().Call([new Input(3)])).Message);
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

    [Fact]
    public void Concatenate_gradients_over_random_shapes_and_axes() => Check.One(
        Config.QuickThrowOnFailure.WithMaxTest(25).WithQuietOnSuccess(true),
        Prop.ForAll((
            from rank in Gen.Choose(1, 3)
            from sample in Gen.ArrayOf(Gen.Choose(1, 3), rank)
            from axis in Gen.Choose(1, rank)
            from sizes in Gen.ArrayOf(Gen.Choose(1, 3), 2)
            from negative in Gen.Elements(false, true)
            from seed in Gen.Choose(0, 1000)
            select (sample, axis, sizes, negative, seed)).ToArbitrary(), t =>
        {
            int[][] shapes = t.sizes.Select(n => t.sample.Select((d, i) => i == t.axis - 1 ? n : d).ToArray()).ToArray();
            var layer = new Concatenate(t.negative ? t.axis - (t.sample.Length + 1) : t.axis);
            var c = new LayerCase("concatenate", _ => layer, shapes, 0);
            var random = new Random(t.seed);
            var inputs = shapes.Select(s => LayerCases.Batch<double>(c, 2, s, random)).ToArray();
            var symbolic = new Concatenate(layer.Axis).Call(shapes.Select(s => (SymbolicTensor)new Input(s)).ToArray())[0].Shape;
            var eager = layer.Call<double>(inputs.Select(x => new Variable<double>(x)).ToArray())[0].Data;
            Assert.Equal(symbolic, SymbolicShape.FromBatch(eager.Shape));
            Assert.Equal(t.sizes.Sum(), eager.Shape[t.axis]);
            LayerGradCheck.Assert(layer, inputs, differentiable: true, xs => layer.Call<double>(xs)[0], $"concatenate axis {layer.Axis} of {string.Join(" & ", shapes.Select(s => $"({string.Join(",", s)})"))}");
        }));
}

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
/// Concatenate joins its inputs along an axis that counts the batch: values on fixed inputs, the refusal of inputs
/// that disagree off the axis naming the shapes, and gradients over random shapes and axes, negative ones included.
/// </summary>
public sealed class ConcatenateTests
{
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

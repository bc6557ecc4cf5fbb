using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The contract every layer keeps, checked on every layer type (<see cref="LayerCases"/>): the shape inferred
/// symbolically is the shape computed; the parameter count is Keras's; the gradients with respect to the inputs
/// and to every weight agree with float64 central differences; and weights saved from a model load into an
/// identically built one and reproduce its predictions bit for bit. Covers src/Layers/Layer.cs and every layer of
/// src/Layers/Core, Convolutional, Pooling, Merge and Models.
/// </summary>
public sealed class LayerContractTests
{
    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Symbolic_output_shape_is_the_eager_output_shape_for_every_batch_size(string name)
        => Symbolic_output_shape_is_the_eager_output_shape_for(LayerCases.Get(name));

    private static void Symbolic_output_shape_is_the_eager_output_shape_for(LayerCase c)
    {
        Session.SetRandomSeed(1);
        var layer = c.Create(typeof(float));
        var symbolic = layer.Call(c.SampleShapes.Select(s => (SymbolicTensor)new Input(s)).ToArray());
        Assert.Single(symbolic);
        Assert.Null(symbolic[0].Shape[0]);

        var random = new Random(2);
        foreach (int batch in new[] { 1, 3, 7 })
        {
            var xs = c.SampleShapes.Select(s => new Variable<float>(LayerCases.Batch<float>(c, batch, s, random))).ToArray();
            var eager = layer.Call<float>(xs, c.Training);
            Assert.Single(eager);
            Assert.Equal(batch, eager[0].Shape[0]);
            Assert.Equal(symbolic[0].Shape, SymbolicShape.FromBatch(eager[0].Shape));
        }
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Parameter_count_is_kerass(string name) => Parameter_count_is_kerass_for(LayerCases.Get(name));

    private static void Parameter_count_is_kerass_for(LayerCase c)
    {
        Session.SetRandomSeed(1);
        var layer = c.Create(typeof(float));
        layer.Build(c.SampleShapes.Select(s => SymbolicShape.Batched(s.Select(d => (int?)d))).ToArray());
        Assert.Equal(c.ExpectedParams, layer.CountParams());
        Assert.Equal(c.ExpectedParams, layer.TrainableWeights.Sum(w => (long)w.Size));
        Assert.Empty(layer.NonTrainableWeights);
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Gradients_with_respect_to_inputs_and_weights_match_finite_differences(string name)
        => Gradients_match_finite_differences_for(LayerCases.Get(name));

    private static void Gradients_match_finite_differences_for(LayerCase c)
    {
        Session.SetRandomSeed(3);
        var layer = c.Create(typeof(double));
        var random = new Random(4);
        var inputs = c.SampleShapes.Select(s => LayerCases.Batch<double>(c, 3, s, random)).ToArray();
        // A dropout mask is drawn afresh at every training call, so each evaluation remakes the layer from one
        // seed: every finite difference then sees the same mask.
        Variable<double> Run(IReadOnlyList<Variable<double>> xs)
        {
            if (!c.Training) return layer.Call<double>(xs)[0];
            Session.SetRandomSeed(5);
            return c.Create(typeof(double)).Call<double>(xs, training: true)[0];
        }
        Run(inputs.Select(x => new Variable<double>(x)).ToArray());   // builds the weights in float64
        LayerGradCheck.Assert(layer, inputs, differentiable: c.IdRange == 0, Run, c.Name);
    }

    [Theory]
    [MemberData(nameof(LayerCases.Names), MemberType = typeof(LayerCases))]
    public void Saved_weights_load_into_an_identical_model_and_reproduce_its_predictions_bit_for_bit(string name)
    {
        var c = LayerCases.Get(name);
        string path = Path.Combine(Path.GetTempPath(), $"deepseq-{name}-{Guid.NewGuid():N}.safetensors");
        try
        {
            Session.SetRandomSeed(10);
            var (saved, x) = ModelAround(c);
            var expected = saved.Predict(x).ToArray();
            saved.SaveWeights(path);

            Session.SetRandomSeed(11);   // the same names, other initial weights
            var (fresh, _) = ModelAround(c);
            if (fresh.CountParams() > 0)
                Assert.NotEqual(Bits(expected), Bits(fresh.Predict(x).ToArray()));   // else the load would prove nothing
            fresh.LoadWeights(path);
            Assert.Equal(Bits(expected), Bits(fresh.Predict(x).ToArray()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_functional_model_with_two_inputs_keeps_the_layer_contract()
    {
        var c = LayerCases.TwoInputModel;
        Parameter_count_is_kerass_for(c);
        Symbolic_output_shape_is_the_eager_output_shape_for(c);
        Gradients_match_finite_differences_for(c);
    }

    [Fact]
    public void The_weight_check_catches_a_layer_whose_weight_gets_no_gradient()
    {
        Session.SetRandomSeed(12);
        var layer = new DetachedScale();
        var x = Tensor.FromArray<double>(new double[,] { { 0.5, -1.5 } });
        layer.Call(new Variable<double>(x));
        var e = Assert.Throws<GradCheckException>(() => LayerGradCheck.Assert(layer, [x], differentiable: true, xs => layer.Call(xs[0]), "detached"));
        Assert.Contains("input 1", e.Message);   // the weight, after the one input
    }

    /// <summary>y = x·s with s a weight read through Detach(): a broken layer whose weight never learns.</summary>
    private sealed class DetachedScale() : Layer(null)
    {
        private Weight? _scale;

        protected override SymbolicShape ComputeOutputShape(SymbolicShape input) => input;

        protected override void Build(SymbolicShape input) => _scale = AddWeight("scale", [input.Known(-1, Name)], "ones");

        protected override Variable<T> Forward<T>(Variable<T> x, bool training) => x * _scale!.Variable<T>().Detach();
    }

    /// <summary>
    /// A functional model around the case's layer, and a batch for it. A layer with one input gets Input → layer; a
    /// layer with several gets one Input feeding a Dense + Reshape per operand, so the model has weights to save
    /// and only one input.
    /// </summary>
    private static (Model Model, Tensor<float> X) ModelAround(LayerCase c)
    {
        var random = new Random(6);
        if (c.SampleShapes.Length == 1)
        {
            var input = new Input(c.SampleShapes[0]);
            return (new Model(input, c.Create(typeof(float)).Call(input)), LayerCases.Batch<float>(c, 5, c.SampleShapes[0], random));
        }
        var shared = new Input(3);
        var operands = c.SampleShapes.Select(s => new Reshape(s).Call(new Dense(s.Aggregate(1, (p, d) => p * d), "tanh").Call(shared))).ToArray();
        return (new Model(shared, c.Create(typeof(float)).Call(operands)[0]), LayerCases.Batch<float>(c, 5, [3], random));
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}

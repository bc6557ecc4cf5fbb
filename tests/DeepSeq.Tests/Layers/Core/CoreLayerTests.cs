using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// What each core layer computes, value by value, and how it refuses bad input: Dense's formula and regulariser,
/// every activation's closed form, Dropout's seeded inverted mask, Embedding's row lookup and id range, Flatten's
/// row-major order, Reshape's −1.
/// </summary>
public sealed class CoreLayerTests
{
    private static Variable<double> Batch(double[,] values) => new(Tensor.FromArray<double>(values));

    [Fact]
    public void Dense_computes_activation_of_x_times_kernel_plus_bias()
    {
        Session.SetRandomSeed(1);
        var dense = new Dense(2, "tanh");
        var x = Batch(new double[,] { { 1, 2, 3 }, { -1, 0.5, 0 } });
        var y = dense.Call(x).Data.ToArray();
        var w = dense.Kernel!.Variable<double>().Data.ToArray();   // (3, 2), row-major
        var b = dense.Bias!.Variable<double>().Data.ToArray();
        Assert.All(b, v => Assert.Equal(0.0, v));   // Keras's bias initialiser "zeros"
        var xs = x.Data.ToArray();
        for (int n = 0; n < 2; n++)
            for (int u = 0; u < 2; u++)
            {
                double z = b[u];
                for (int k = 0; k < 3; k++) z += xs[n * 3 + k] * w[k * 2 + u];
                Assert.Equal(Math.Tanh(z), y[n * 2 + u], 12);
            }
    }

    [Fact]
    public void Dense_kernel_is_glorot_uniform_within_its_limit()
    {
        Session.SetRandomSeed(2);
        var dense = new Dense(30);
        dense.Build([new SymbolicShape(null, 20)]);
        double limit = Math.Sqrt(6.0 / (20 + 30));
        var w = dense.Kernel!.Variable<float>().Data.ToArray();
        Assert.All(w, v => Assert.InRange(v, -limit, limit));
        Assert.True(w.Max() > limit / 2 && w.Min() < -limit / 2, "the kernel should spread over its range");
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("relu")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("elu")]
    [InlineData("selu")]
    [InlineData("softplus")]
    [InlineData("leaky_relu")]
    public void Elementwise_activations_match_their_closed_forms(string name)
    {
        const double alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946;
        Func<double, double> expected = name switch
        {
            "linear" => v => v,
            "relu" => v => Math.Max(v, 0),
            "sigmoid" => v => 1 / (1 + Math.Exp(-v)),
            "tanh" => Math.Tanh,
            "elu" => v => v > 0 ? v : Math.Exp(v) - 1,
            "selu" => v => scale * (v > 0 ? v : alpha * (Math.Exp(v) - 1)),
            "softplus" => v => Math.Log(1 + Math.Exp(v)),
            "leaky_relu" => v => v > 0 ? v : 0.2 * v,
            _ => throw new ArgumentException(name),
        };
        double[] points = [-30, -3, -0.5, -1e-3, 0, 1e-3, 0.5, 3, 30];
        var y = new Activation(name).Call(new Variable<double>(Tensor.FromArray<double>(points, [1, points.Length]))).Data.ToArray();
        for (int i = 0; i < points.Length; i++)
            Assert.True(Math.Abs(expected(points[i]) - y[i]) <= 1e-12 * Math.Max(1, Math.Abs(y[i])), $"{name}({points[i]}) = {y[i]}, expected {expected(points[i])}");
    }

    [Fact]
    public void Softmax_activation_normalises_the_last_axis()
    {
        var y = new Activation("softmax").Call(Batch(new double[,] { { 1, 2, 3 }, { 1000, 1000, 1000 } })).Data.ToArray();
        double e = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(1) / e, y[0], 14);
        Assert.Equal(Math.Exp(3) / e, y[2], 14);
        Assert.All(y[3..], v => Assert.Equal(1.0 / 3, v, 14));   // no overflow at large logits
    }

    [Fact]
    public void Unknown_activation_is_refused_with_the_known_names()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dense(3, "swishy"));
        Assert.Contains("swishy", e.Message);
        Assert.Contains("leaky_relu", e.Message);
    }

    [Fact]
    public void L2_penalty_is_factor_times_sum_of_squared_kernel_and_its_gradient_checks()
    {
        Session.SetRandomSeed(3);
        var dense = new Dense(3, kernelRegularizer: Regularizer.L2(0.01));
        var x = Tensor.FromArray<double>(new double[,] { { 0.5, -1 }, { 2, 1 } });
        dense.Call(new Variable<double>(x));
        var w = dense.Kernel!.Variable<double>().Data.ToArray();
        Assert.Equal(0.01 * w.Sum(v => v * v), dense.RegularizationLoss<double>()!.Data.Item(), 14);
        LayerGradCheck.Assert(dense, [x], differentiable: false, _ => dense.RegularizationLoss<double>()!, "l2 penalty");

        dense.Trainable = false;   // a frozen layer's weights are not penalised (Keras adds losses of trainable weights)
        Assert.Null(dense.RegularizationLoss<double>());
    }

    [Fact]
    public void L1_penalty_is_factor_times_sum_of_absolute_kernel()
    {
        Session.SetRandomSeed(3);
        var dense = new Dense(3, kernelRegularizer: Regularizer.L1(0.5));
        dense.Call(Batch(new double[,] { { 0.5, -1 } }));
        var w = dense.Kernel!.Variable<double>().Data.ToArray();
        Assert.Equal(0.5 * w.Sum(Math.Abs), dense.RegularizationLoss<double>()!.Data.Item(), 14);
        Assert.Throws<ArgumentException>(() => Regularizer.L2(-1));
        Assert.Throws<ArgumentException>(() => Regularizer.L1(double.NaN));
    }

    [Fact]
    public void Dropout_is_the_identity_outside_training()
    {
        Session.SetRandomSeed(4);
        var x = Batch(new double[,] { { 1, 2, 3, 4 } });
        Assert.Equal(x.Data.ToArray(), new Dropout(0.5).Call(x, training: false).Data.ToArray());
        Assert.Equal(x.Data.ToArray(), new Dropout(0).Call(x, training: true).Data.ToArray());
    }

    [Fact]
    public void Dropout_zeroes_about_rate_of_the_elements_and_scales_the_rest_by_one_over_keep()
    {
        Session.SetRandomSeed(5);
        var x = new Variable<double>(Tensor.Ones<double>([100, 100]));
        var y = new Dropout(0.3).Call(x, training: true).Data.ToArray();
        int dropped = y.Count(v => v == 0);
        Assert.InRange(dropped, 2700, 3300);   // 10,000 Bernoulli(0.3): σ ≈ 46
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1 / 0.7, v, 14));
    }

    [Fact]
    public void Dropout_masks_follow_the_session_seed_and_change_from_call_to_call()
    {
        var x = new Variable<double>(Tensor.Ones<double>([4, 50]));
        Session.SetRandomSeed(6);
        var layer = new Dropout(0.5);
        var first = layer.Call(x, training: true).Data.ToArray();
        var second = layer.Call(x, training: true).Data.ToArray();
        Session.SetRandomSeed(6);
        var again = new Dropout(0.5).Call(x, training: true).Data.ToArray();
        Assert.Equal(first, again);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Dropout_noise_shape_drops_the_same_features_at_every_time_step()
    {
        Session.SetRandomSeed(7);
        var x = new Variable<double>(Tensor.Ones<double>([2, 5, 40]));
        var y = new Dropout(0.5, noiseShape: [null, 1, null]).Call(x, training: true).Data.ToArray();
        for (int b = 0; b < 2; b++)
            for (int t = 1; t < 5; t++)
                for (int f = 0; f < 40; f++)
                    Assert.Equal(y[(b * 5) * 40 + f], y[(b * 5 + t) * 40 + f]);
        Assert.Contains(0.0, y);
        Assert.Throws<ArgumentException>(() => new Dropout(1.0));
        Assert.Throws<ArgumentException>(() => new Dropout(-0.1));
    }

    [Fact]
    public void Embedding_looks_up_rows_of_its_table()
    {
        Session.SetRandomSeed(8);
        var embedding = new Embedding(5, 3);
        var y = embedding.Call(Batch(new double[,] { { 4, 0, 4 } })).Data.ToArray();
        var table = embedding.Embeddings!.Variable<double>().Data.ToArray();
        int[] ids = [4, 0, 4];
        for (int t = 0; t < 3; t++)
            for (int d = 0; d < 3; d++)
                Assert.Equal(table[ids[t] * 3 + d], y[t * 3 + d]);
        Assert.All(table, v => Assert.InRange(v, -0.05, 0.05));   // Keras's "uniform" initialiser: U(−0.05, 0.05)
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(-1.0)]
    [InlineData(17.0)]
    public void Embedding_refuses_an_id_out_of_range_naming_the_range(double id)
    {
        Session.SetRandomSeed(9);
        var embedding = new Embedding(5, 3);
        var e = Assert.Throws<ArgumentException>(() => embedding.Call(Batch(new double[,] { { 1, id } })));
        Assert.Contains("[0, 5)", e.Message);
        Assert.Contains(embedding.Name, e.Message);
    }

    [Fact]
    public void Embedding_input_length_fixes_the_time_axis_and_refuses_another()
    {
        Session.SetRandomSeed(10);
        var embedding = new Embedding(10, 4, inputLength: 3);
        Assert.Equal(new SymbolicShape(null, 3, 4), embedding.Call(new Input([(int?)null])).Shape);
        var e = Assert.Throws<ArgumentException>(() => new Embedding(10, 4, inputLength: 3).Call(new Input(5)));
        Assert.Contains("input_length", e.Message);
        Assert.Contains("(None, 5)", e.Message);
    }

    [Fact]
    public void Embedding_mask_zero_marks_the_padding_ids()
    {
        Session.SetRandomSeed(11);
        var embedding = new Embedding(5, 2, maskZero: true);
        var ids = Tensor.FromArray<double>(new double[,] { { 0, 3, 0, 1 } });
        Assert.Equal([0.0, 1, 0, 1], embedding.ComputeMask(ids, null)!.ToArray());
        Assert.Null(new Embedding(5, 2).ComputeMask(ids, null));
    }

    [Fact]
    public void A_mask_reaching_flatten_is_refused_clearly()
    {
        Session.SetRandomSeed(12);
        var model = new Sequential(new InputLayer([4]), new Embedding(10, 3, maskZero: true), new Flatten(), new Dense(1));
        var e = Assert.Throws<NotSupportedException>(() => model.Predict(Tensor.FromArray<float>(new float[,] { { 1, 2, 0, 0 } })));
        Assert.Contains("flatten", e.Message);
        Assert.Contains("mask", e.Message);
    }

    [Fact]
    public void A_mask_passes_through_layers_that_support_it()
    {
        Session.SetRandomSeed(13);
        var model = new Sequential(new InputLayer([4]), new Embedding(10, 3, maskZero: true), new Dropout(0.5), new Dense(2, "relu"), new Activation("tanh"));
        Assert.Equal([1, 4, 2], model.Predict(Tensor.FromArray<float>(new float[,] { { 1, 2, 0, 0 } })).Shape.ToArray());
    }

    [Fact]
    public void Dense_refuses_rank_1_input()
    {
        Session.SetRandomSeed(14);
        var e = Assert.Throws<ArgumentException>(() => new Dense(3).Call(new Variable<double>(Tensor.FromArray<double>([1.0, 2, 3]))));
        Assert.Contains("rank", e.Message);
        Assert.Contains("(None,)", e.Message);
        Assert.Throws<ArgumentException>(() => new Dense(3).Call(new Input(Array.Empty<int>())));
        Assert.Throws<ArgumentException>(() => new Dense(0));
    }

    [Fact]
    public void A_built_layer_refuses_another_feature_size_or_dtype()
    {
        Session.SetRandomSeed(15);
        var dense = new Dense(2);
        dense.Call(Batch(new double[,] { { 1, 2, 3 } }));
        var e = Assert.Throws<ArgumentException>(() => dense.Call(Batch(new double[,] { { 1, 2 } })));
        Assert.Contains("(None, 3)", e.Message);
        Assert.Contains("(None, 2)", e.Message);
        var d = Assert.Throws<ArgumentException>(() => dense.Call(new Variable<float>(Tensor.FromArray<float>(new float[,] { { 1, 2, 3 } }))));
        Assert.Contains("float64", d.Message);
    }

    [Fact]
    public void Flatten_keeps_row_major_order()
    {
        var x = Tensor.Arange<double>(12).Reshape(2, 3, 2);
        var y = new Flatten().Call(new Variable<double>(x)).Data;
        Assert.Equal([2, 6], y.Shape.ToArray());
        Assert.Equal(x.ToArray(), y.ToArray());
        Assert.Equal(new SymbolicShape(null, null), new Flatten().Call(new Input([null, (int?)3])).Shape);
    }

    [Fact]
    public void Reshape_infers_minus_one_and_refuses_sizes_that_do_not_divide()
    {
        Assert.Equal(new SymbolicShape(null, 2, 6), new Reshape([2, -1]).Call(new Input(3, 4)).Shape);
        var e = Assert.Throws<ArgumentException>(() => new Reshape([5, -1]).Call(new Input(3, 4)));
        Assert.Contains("12 elements", e.Message);
        Assert.Throws<ArgumentException>(() => new Reshape([-1, -1]));
        Assert.Throws<ArgumentException>(() => new Reshape([0, 2]));
    }

    [Fact]
    public void Layer_names_are_unique_per_session_and_restart_with_it()
    {
        Session.SetRandomSeed(16);
        Assert.Equal(["dense", "dense_1", "dropout", "dense_2"], new Layer[] { new Dense(1), new Dense(1), new Dropout(0.1), new Dense(1) }.Select(l => l.Name));
        Session.SetRandomSeed(16);
        Assert.Equal("dense", new Dense(1).Name);
        Assert.Throws<ArgumentException>(() => new Dense(1, name: "a/b"));
    }
}

using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Models;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Fit, Evaluate and Predict: they refuse what cannot work (no compile, mismatched sample counts, input counts or
/// feature sizes, bad arguments, a loss turning non-finite) with a message naming the shapes; and Evaluate, run
/// under <c>GradMode.NoGrad</c>, still reports the losses it reported when it recorded graphs.
/// </summary>
/// <remarks>
/// The crossentropies read a sigmoid's or softmax's logits from its output (<c>Variable.Logits</c>), not from the
/// graph. The pinned values were computed by Evaluate before that change (graph walking, no NoGrad), on the same seeds.
/// </remarks>
public sealed class ModelTrainingTests
{
    private static readonly Tensor<float> X = Tensor.FromArray<float>(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
    private static readonly Tensor<float> Y = Tensor.FromArray<float>(new float[,] { { 1 }, { 0 }, { 1 } });
    private static readonly float[] s_x = [0.5f, -1.25f, 2f, 0.75f, -0.5f, 1.5f, -2f, 0.25f, 1f, -0.75f, 0.125f, 3f];

    private static double EvaluateLoss(string activation, int units, string loss, float[] labels, int labelWidth)
    {
        Session.SetRandomSeed(7);
        var model = new Sequential(new InputLayer([3]), new Dense(5, "tanh"), new Dense(units, activation));
        model.Compile("rmsprop", loss);
        var x = Tensor.FromArray(s_x).Reshape(4, 3);
        var y = Tensor.FromArray(labels).Reshape(4, labelWidth);
        return model.Evaluate(x, y, batchSize: 3)["loss"];
    }

    [Fact]
    public void Fit_evaluate_before_compile_say_compile_first()
    {
        Session.SetRandomSeed(3);
        var model = new Sequential(new InputLayer([2]), new Dense(1));
        Assert.Contains("compile", Assert.Throws<InvalidOperationException>(() => model.Fit(X, Y, verbose: 0)).Message);
        Assert.Contains("compile", Assert.Throws<InvalidOperationException>(() => model.Evaluate(X, Y)).Message);
        Assert.Equal([3, 1], model.Predict(X).Shape.ToArray());   // predicting needs no compile, as in Keras
    }

    [Fact]
    public void Fit_with_different_sample_counts_names_both_shapes()
    {
        Session.SetRandomSeed(4);
        var model = new Sequential(new InputLayer([2]), new Dense(1));
        model.Compile("sgd", "mse");
        var e = Assert.Throws<ArgumentException>(() => model.Fit(X, Tensor.FromArray<float>(new float[,] { { 1 }, { 0 } }), verbose: 0));
        Assert.Contains("(3,2)", e.Message);
        Assert.Contains("(2,1)", e.Message);
    }

    [Fact]
    public void Fit_with_the_wrong_number_of_input_tensors_names_the_inputs()
    {
        Session.SetRandomSeed(5);
        var model = new Sequential(new InputLayer([2]), new Dense(1));
        model.Compile("sgd", "mse");
        var e = Assert.Throws<ArgumentException>(() => model.Fit(new TensorDataset<float>([X, X], [Y]), verbose: 0));
        Assert.Contains("2 input tensor(s)", e.Message);
    }

    [Fact]
    public void Data_of_the_wrong_feature_size_is_refused_with_both_shapes()
    {
        Session.SetRandomSeed(6);
        var model = new Sequential(new InputLayer([3]), new Dense(1));
        var e = Assert.Throws<ArgumentException>(() => model.Predict(X));
        Assert.Contains("(None, 3)", e.Message);
        Assert.Contains("(None, 2)", e.Message);
    }

    [Fact]
    public void Bad_fit_arguments_are_refused()
    {
        Session.SetRandomSeed(7);
        var model = new Sequential(new InputLayer([2]), new Dense(1));
        model.Compile(new Sgd(0.01), "mse");
        Assert.Throws<ArgumentException>(() => model.Fit(X, Y, batchSize: 0, verbose: 0));
        Assert.Throws<ArgumentException>(() => model.Fit(X, Y, epochs: -1, verbose: 0));
        Assert.Throws<ArgumentException>(() => model.Fit(X, Y, validationSplit: 1.5, verbose: 0));
        Assert.Throws<ArgumentException>(() => model.Compile("sgd", "no_such_loss"));
    }

    [Fact]
    public void A_loss_that_becomes_non_finite_stops_training_instead_of_writing_nan_weights()
    {
        Session.SetRandomSeed(8);
        var model = new Sequential(new InputLayer([2]), new Dense(1));
        model.Compile(new Sgd(0.01), "mse");
        var bad = Tensor.FromArray<float>(new float[,] { { float.NaN, 1 }, { 1, 1 }, { 1, 1 } });
        var before = model.Predict(X).ToArray();
        var e = Assert.Throws<InvalidOperationException>(() => model.Fit(bad, Y, verbose: 0));
        Assert.Contains("NaN", e.Message);
        Assert.Equal(before, model.Predict(X).ToArray());
    }

    [Fact]
    public void Binary_crossentropy_after_a_sigmoid_keeps_its_value()
        => Assert.Equal(1.3593072593, EvaluateLoss("sigmoid", 1, "binary_crossentropy", [1, 0, 0, 1], 1), 6);

    [Fact]
    public void Categorical_crossentropy_after_a_softmax_keeps_its_value()
        => Assert.Equal(0.7432611734,
            EvaluateLoss("softmax", 3, "categorical_crossentropy", [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0], 3), 6);

    [Fact]
    public void Sparse_categorical_crossentropy_after_a_softmax_keeps_its_value()
        => Assert.Equal(1.8546739519, EvaluateLoss("softmax", 3, "sparse_categorical_crossentropy", [0, 2, 1, 1], 1), 6);

    /// <summary>
    /// A confident wrong answer, σ(40) for a label 0: from the logit the loss is 40 (log(1 + e⁴⁰) in float32);
    /// the clipped probability form would give 15.94 (−log 1e−7). Evaluate must use the logit under NoGrad too.
    /// </summary>
    [Fact]
    public void A_confident_wrong_sigmoid_is_scored_from_its_logit()
    {
        Session.SetRandomSeed(3);
        var model = new Sequential(new InputLayer([1]), new Dense(1, "sigmoid"));
        model.Compile("sgd", "binary_crossentropy");
        model.Predict(Tensor.FromArray<float>(new[,] { { 1f } }));   // builds the weights
        model.SetWeights([Tensor.FromArray<float>(new[,] { { 40f } }), Tensor.FromArray(new[] { 0f })]);
        var loss = model.Evaluate(Tensor.FromArray<float>(new[,] { { 1f } }), Tensor.FromArray<float>(new[,] { { 0f } }))["loss"];
        Assert.Equal(40.0, loss, 4);
    }
}

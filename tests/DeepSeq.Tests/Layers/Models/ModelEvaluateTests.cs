using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Models;

using Tensor = DeepSeq.Tensor;

/// <summary>
/// Evaluate runs under <c>GradMode.NoGrad</c> and still reports the losses it reported when it recorded graphs: the
/// crossentropies read a sigmoid's or softmax's logits from its output (<c>Variable.Logits</c>), not from the graph.
/// The pinned values were computed by Evaluate before that change (graph walking, no NoGrad), on the same seeds.
/// </summary>
public sealed class ModelEvaluateTests
{
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

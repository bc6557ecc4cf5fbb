using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Core.CoreTestKit;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Every activation by name against its closed form, softmax over the last axis without overflow, and the
/// refusal of an unknown name listing the known ones.
/// </summary>
public sealed class ActivationsTests
{
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
}

using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Core.CoreTestKit;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// What Dense computes and how it starts and refuses input: activation(x·kernel + bias) value by value, the
/// Glorot-uniform kernel within its limit, and the refusal of rank-1 input and of zero units.
/// </summary>
public sealed class DenseTests
{
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
}

using DeepSeq.Autograd;
using DeepSeq.Layers.Optimizers;
using Xunit;

namespace DeepSeq.Tests.Layers.Optimizers;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Each optimizer, driven by real gradients from the autograd engine, minimises the convex quadratic
/// L(w) = ½‖Aw − b‖² from a seeded random start. A is invertible, so the minimum is L = 0 at w = A⁻¹b.
/// Covers Sgd.cs, RmsProp.cs, Adagrad.cs and Adam.cs.
/// </summary>
public sealed class ConvergenceTests
{
    // Eigenvalues of AᵀA lie roughly in [0.4, 6]: conditioned well enough for every rule in a few hundred steps.
    private static readonly double[,] A = { { 2.0, 0.5, 0.0 }, { 0.5, 1.5, 0.3 }, { 0.0, 0.3, 1.0 } };
    private static readonly double[] B = [1.0, -2.0, 0.5];

    public static TheoryData<string, Func<Optimizer>> Optimizers => new()
    {
        { "sgd", () => new Sgd(0.1) },
        { "sgd with momentum", () => new Sgd(0.05, momentum: 0.9) },
        { "sgd with nesterov", () => new Sgd(0.05, momentum: 0.9, nesterov: true) },
        { "rmsprop", () => new RmsProp(new ExponentialDecay(0.05, 50, 0.5)) },
        { "centered rmsprop", () => new RmsProp(new ExponentialDecay(0.05, 50, 0.5), centered: true) },
        { "adagrad", () => new Adagrad(0.5) },
        { "adam", () => new Adam(new CosineDecay(0.1, 300)) },
        { "amsgrad", () => new Adam(new CosineDecay(0.1, 300), amsgrad: true) },
    };

    [Theory, MemberData(nameof(Optimizers))]
    public void MinimisesAConvexQuadratic(string what, Func<Optimizer> make)
    {
        var optimizer = make();
        var a = new Variable<double>(Tensor.FromArray<double>(A));
        var b = new Variable<double>(Tensor.FromArray(B).Reshape(3, 1));
        var w = new Variable<double>(Tensor.RandomNormal<double>([3, 1], new Generator(42), 0.0, 2.0), requiresGrad: true, name: "w");

        double Loss()
        {
            var residual = a.MatMul(w) - b;
            var loss = (residual * residual).Sum() * 0.5;
            w.ZeroGrad();
            loss.Backward();
            return loss.Data.Item();
        }

        double initial = Loss();
        double final = initial;
        for (int step = 0; step < 300; step++)
        {
            optimizer.Apply([w]);
            final = Loss();
        }
        Assert.True(final < initial * 1e-4, $"{what}: loss went from {initial} to {final} in 300 steps");
        Assert.Equal(300, optimizer.Iterations);
    }
}

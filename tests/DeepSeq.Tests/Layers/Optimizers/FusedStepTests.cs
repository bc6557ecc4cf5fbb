using DeepSeq.Autograd;
using DeepSeq.Layers.Optimizers;
using Xunit;
using static DeepSeq.Tests.Layers.Optimizers.OptimizerTestKit;

namespace DeepSeq.Tests.Layers.Optimizers;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The fused in-place step of <see cref="Optimizer.Apply{T}"/> against version 1, the tensor-op rules
/// (<see cref="TensorOpRules{T}"/>): bit-identical weights over 20 steps for every rule, variant and clipping mode,
/// in float64 and float32, on parameters of random shapes (vector loop and scalar tail both) with random gradients.
/// </summary>
public sealed class FusedStepTests
{
    public static TheoryData<string> Configurations => new(Optimizers().Keys);

    private static Dictionary<string, Func<Optimizer>> Optimizers()
    {
        var rules = new Dictionary<string, Func<Optimizer>>
        {
            ["sgd"] = () => new Sgd(0.05),
            ["sgd momentum"] = () => new Sgd(0.05, momentum: 0.9),
            ["sgd nesterov"] = () => new Sgd(0.05, momentum: 0.8, nesterov: true),
            ["rmsprop"] = () => new RmsProp(0.01),
            ["rmsprop centered"] = () => new RmsProp(0.01, centered: true),
            ["rmsprop momentum"] = () => new RmsProp(0.01, momentum: 0.5),
            ["rmsprop centered momentum"] = () => new RmsProp(0.01, momentum: 0.5, centered: true),
            ["adagrad"] = () => new Adagrad(0.1),
            ["adam"] = () => new Adam(0.01),
            ["adam amsgrad"] = () => new Adam(0.01, amsgrad: true),
        };
        var all = new Dictionary<string, Func<Optimizer>>(rules);
        all["adam clipnorm"] = () => new Adam(0.01) { ClipNorm = 0.5 };
        all["rmsprop global_clipnorm"] = () => new RmsProp(0.01, momentum: 0.5) { GlobalClipNorm = 1.0 };
        all["sgd clipvalue"] = () => new Sgd(0.05, momentum: 0.9) { ClipValue = 0.3 };
        all["adagrad clipnorm"] = () => new Adagrad(0.1) { ClipNorm = 0.2 };
        return all;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void TwentyStepsAreBitIdenticalToTheTensorOpRules(string configuration)
    {
        Run<double>(configuration);
        Run<float>(configuration);
    }

    private static void Run<T>(string configuration) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Random(configuration.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        // Sizes below, at and above a vector's width, so both the SIMD loop and the scalar tail run.
        int[][] shapes = [[rng.Next(1, 40)], [rng.Next(1, 9), rng.Next(1, 9)], [3, 17]];
        var optimizer = Optimizers()[configuration]();
        var reference = new TensorOpRules<T>(Optimizers()[configuration]());
        var parameters = shapes.Select(s => Parameter<T>(Draw(rng, s.Aggregate(1, (a, b) => a * b)), s)).ToArray();
        var expected = parameters.Select(p => p.Data.Copy()).ToArray();
        for (int step = 0; step < 20; step++)
        {
            var gradients = parameters.Select(p => Tensor.FromArray(Draw(rng, p.Data.Size).Select(T.CreateChecked)
                .ToArray(), p.Shape)).ToArray();
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i].ZeroGrad();
                parameters[i].Backward(gradients[i]);
            }
            optimizer.Apply(parameters);
            expected = reference.Step(expected, gradients);
            for (int i = 0; i < parameters.Length; i++)
                Assert.True(expected[i].ToArray().SequenceEqual(parameters[i].Data.ToArray()),
                    $"{configuration} {typeof(T).Name}: parameter {i} {parameters[i].Shape} differs after step " +
                    $"{step + 1}");
        }
    }

    private static double[] Draw(Random rng, int n) => [.. Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4 - 2)];

    [Fact]
    public void TheTensorGivenToAWeightIsNeverWritten()
    {
        // Steps update a weight in place, but in a buffer of its own: the initial value, and a value assigned later,
        // stay as they were (a snapshot of the best weights, set_weights from an array the caller still holds).
        var initial = Tensor.FromArray([1.0, 2.0, 3.0], [3]);
        var w = new Variable<double>(initial, requiresGrad: true);
        var sgd = new Sgd(0.5);
        SetGradient(w, [1.0, 1.0, 1.0]);
        sgd.Apply([w]);
        Assert.Equal([1.0, 2.0, 3.0], initial.ToArray());
        Assert.Equal([0.5, 1.5, 2.5], Values(w));
        var live = w.Data;
        SetGradient(w, [1.0, 1.0, 1.0]);
        sgd.Apply([w]);
        Assert.Equal([0.0, 1.0, 2.0], live.ToArray());   // Data is live from the first step on, as in PyTorch
        var assigned = Tensor.FromArray([5.0, 5.0, 5.0], [3]);
        w.Assign(assigned);
        SetGradient(w, [1.0, 1.0, 1.0]);
        sgd.Apply([w]);
        Assert.Equal([5.0, 5.0, 5.0], assigned.ToArray());
        Assert.Equal([4.5, 4.5, 4.5], Values(w));
    }

    [Fact]
    public void AWeightThatIsAViewIsSteppedThroughItsOwnCopy()
    {
        // A transposed (non-dense) weight: the step gives it a dense buffer and leaves the viewed tensor alone.
        var source = Tensor.FromArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3]);
        var w = new Variable<double>(source.Transpose(), requiresGrad: true);
        SetGradient(w, [1, 1, 1, 1, 1, 1]);
        new Sgd(1.0).Apply([w]);
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], source.ToArray());
        Assert.Equal([0.0, 3.0, 1.0, 4.0, 2.0, 5.0], Values(w));
    }

    [Fact]
    public void SlotsAreLiveAndNamedAsKeras()
    {
        var w = Parameter<double>([1.0, -1.0]);
        var adam = new Adam(0.1, amsgrad: true);
        SetGradient(w, [0.5, 0.5]);
        adam.Apply([w]);
        var slots = adam.SlotsOf(w)!;
        Assert.Equal(["momentum", "velocity", "velocity_hat"], slots.All.Keys.Order());
        var m = slots.All["momentum"];
        Assert.Equal([0.05, 0.05], m.ToArray().Select(x => Math.Round(x, 12)));
        SetGradient(w, [0.0, 0.0]);
        adam.Apply([w]);
        Assert.Equal([0.045, 0.045], m.ToArray().Select(x => Math.Round(x, 12)));   // m ← m + (0 − m)(1 − 0.9)
    }
}

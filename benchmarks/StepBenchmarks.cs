// Whole training steps (issue 12), each against its GEMM floor measured in the same run:
//   a step     what Fit does per batch: forward in training mode, the loss, reading it (one scalar to the host),
//              backward, the optimizer's update, gradients cleared
//   the floor  the step's GEMMs alone with our production SGEMM (forward, weight gradients, input gradients where
//              backward needs them); no bias, activation, loss or update
//   libtorch   ../shared/ANCHORS.md (same machine type): A1 1.83 ms (its RMSprop update 0.10), A2 0.33, B2 0.33,
//              matmul 512³ forward + both gradients 2.10, softmax + CE over (512, 1000) 0.47–1.7
using BenchmarkDotNet.Attributes;
using DeepSeq.Autograd;
using DeepSeq.Layers;
using DeepSeq.Layers.Losses;
using DeepSeq.Layers.Optimizers;
using Gemm = DeepSeq.Kernels.Cpu.Gemm;

namespace DeepSeq.Benchmarks;

/// <summary>Quick-mode lines: the five step workloads of issue 12, A1's update alone, and their floors.</summary>
internal static class StepQuick
{
    public static void Run()
    {
        var a1 = StepWorkloads.A1();
        Report("A1 step: 512 × 10000 multi-hot → 16 → 16 → 1, BCE, RMSprop", 1.83, a1.Step, StepWorkloads.A1Floor());
        var update = Quick.Measure(2.0, a1.Update)[0];
        Quick.Line($"  … its RMSprop update alone (160,305 parameters): {update * 1e3:F3} ms; libtorch 0.10 ms, ratio " +
                   $"{update * 1e3 / 0.10:F2}");
        Report("A2 step: 128 × 784 → 32 → 10 softmax, CCE, RMSprop", 0.33, StepWorkloads.A2().Step,
            StepWorkloads.A2Floor());
        Report("B2 step: Embedding(10000, 8) on 32 × 20 ids → Flatten → Dense(1), BCE, RMSprop", 0.33,
            StepWorkloads.B2().Step, StepWorkloads.B2Floor());
        Report("matmul 512³ forward + both gradients", 2.10, StepWorkloads.MatMul512(), StepWorkloads.MatMul512Floor());
        var ce = Quick.Measure(2.0, StepWorkloads.SoftmaxCrossentropy())[0];
        Quick.Line($"softmax + CE over (512, 1000), forward + backward: {ce * 1e3:F3} ms (no GEMM); libtorch 0.47–1.7 " +
                   $"ms, ratio {ce * 1e3 / 0.47:F2}–{ce * 1e3 / 1.7:F2}");
    }

    static void Report(string what, double libtorchMs, Action step, Action floor)
    {
        var t = Quick.Measure(3.0, step, floor);
        Quick.Line($"{what}: {t[0] * 1e3:F3} ms, GEMM floor {t[1] * 1e3:F3} ms, ratio {t[0] / t[1]:F2}; libtorch " +
                   $"{libtorchMs} ms (ANCHORS.md), ratio {t[0] * 1e3 / libtorchMs:F2}");
    }
}

/// <summary>The workloads of the training-step issue, as whole steps and as their GEMM floors.</summary>
internal static class StepWorkloads
{
    /// <summary>A model's training step on one fixed batch, and its optimizer's update alone (on the gradients of one
    /// backward pass, kept).</summary>
    public sealed record Workload(Action Step, Action Update);

    public static Workload A1()
    {
        var x = MultiHot(512, 10000);
        var y = Tensor.FromArray<float>([.. Enumerable.Range(0, 512).Select(i => (float)(i % 2))], [512, 1]);
        return Build(new Sequential(new InputLayer([10000]), new Dense(16, "relu"), new Dense(16, "relu"),
            new Dense(1, "sigmoid")), new BinaryCrossentropy(), x, y);
    }

    public static Action A1Floor() => Dense((512, 10000, 16, false), (512, 16, 16, true), (512, 16, 1, true));

    public static Workload A2()
    {
        var x = ConvWorkloads.Input([128, 784]);
        var y = Tensor.FromArray<float>([.. Enumerable.Range(0, 1280).Select(i => i % 10 == i / 10 % 10 ? 1f : 0f)],
            [128, 10]);
        return Build(new Sequential(new InputLayer([784]), new Dense(32, "relu"), new Dense(10, "softmax")),
            new CategoricalCrossentropy(), x, y);
    }

    public static Action A2Floor() => Dense((128, 784, 32, false), (128, 32, 10, true));

    public static Workload B2()
    {
        var ids = Tensor.FromArray<float>([.. Enumerable.Range(0, 640).Select(i => (float)(i * 7919 % 10000))],
            [32, 20]);
        var y = Tensor.FromArray<float>([.. Enumerable.Range(0, 32).Select(i => (float)(i % 2))], [32, 1]);
        return Build(new Sequential(new InputLayer([20]), new Embedding(10000, 8), new Flatten(),
            new Dense(1, "sigmoid")), new BinaryCrossentropy(), ids, y);
    }

    public static Action B2Floor() => Dense((32, 160, 1, true));

    public static Action MatMul512()
    {
        var (a, b) = (new Variable<float>(ConvWorkloads.Input([512, 512]), requiresGrad: true),
            new Variable<float>(ConvWorkloads.Input([512, 512]), requiresGrad: true));
        return () =>
        {
            a.MatMul(b).Sum().Backward();
            a.ZeroGrad();
            b.ZeroGrad();
        };
    }

    public static Action MatMul512Floor()
    {
        var (a, b, c) = (ConvWorkloads.Data(512 * 512), ConvWorkloads.Data(512 * 512), new float[512 * 512]);
        var (da, db) = (new float[512 * 512], new float[512 * 512]);
        return () =>
        {
            Gemm.Multiply(false, false, 512, 512, 512, 1f, a, 512, b, 512, 0f, c, 512);
            Gemm.Multiply(false, true, 512, 512, 512, 1f, c, 512, b, 512, 0f, da, 512);
            Gemm.Multiply(true, false, 512, 512, 512, 1f, a, 512, c, 512, 0f, db, 512);
        };
    }

    public static Action SoftmaxCrossentropy()
    {
        var logits = new Variable<float>(ConvWorkloads.Input([512, 1000]), requiresGrad: true);
        var y = new Variable<float>(Tensor.FromArray<float>(
            [.. Enumerable.Range(0, 512 * 1000).Select(i => i % 1000 == i / 1000 % 1000 ? 1f : 0f)], [512, 1000]));
        var loss = new CategoricalCrossentropy(fromLogits: true);
        return () =>
        {
            var value = loss.Compute(y, logits);
            _ = value.Data.Item();
            value.Backward();
            logits.ZeroGrad();
        };
    }

    static Workload Build(Model model, Loss loss, Tensor<float> x, Tensor<float> y)
    {
        Session.SetRandomSeed(3);
        var optimizer = new RmsProp();
        var (input, target) = (new Variable<float>(x), new Variable<float>(y));
        var parameters = () => model.TrainableWeights.Select(w => w.Variable<float>()).ToArray();
        void Forward(bool update)
        {
            var value = loss.Compute(target, model.Call(input, training: true));
            _ = value.Data.Item();
            value.Backward();
            if (update) optimizer.Apply(parameters());
        }
        Forward(update: true);
        void Step()
        {
            Forward(update: true);
            foreach (var w in model.Weights) w.Variable<float>().ZeroGrad();
        }
        // The update alone: gradients of one backward pass, kept and applied again and again (the rates are small).
        var kept = new Lazy<Variable<float>[]>(() =>
        {
            foreach (var w in model.Weights) w.Variable<float>().ZeroGrad();
            Forward(update: false);
            return parameters();
        });
        return new Workload(Step, () => optimizer.Apply(kept.Value));
    }

    // A Dense stack's GEMMs for (rows, in, out) layers: the same three products as an im2col convolution's.
    static Action Dense(params (int Rows, int In, int Out, bool InputGradient)[] layers) => ConvWorkloads.Floor(layers);

    static Tensor<float> MultiHot(int rows, int columns)
    {
        var rng = new Random(1);
        var values = new float[rows * columns];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < 120; j++) values[r * columns + rng.Next(columns)] = 1f;
        return Tensor.FromArray(values, [rows, columns]);
    }
}

/// <summary>The same workloads under BenchmarkDotNet (<c>--filter *Step*</c>), with allocations per step.</summary>
[MemoryDiagnoser]
public class StepBenchmarks
{
    private StepWorkloads.Workload _a1 = null!, _a2 = null!, _b2 = null!;

    [GlobalSetup]
    public void Setup() => (_a1, _a2, _b2) = (StepWorkloads.A1(), StepWorkloads.A2(), StepWorkloads.B2());

    [Benchmark] public void A1Step() => _a1.Step();
    [Benchmark] public void A1Update() => _a1.Update();
    [Benchmark] public void A2Step() => _a2.Step();
    [Benchmark] public void B2Step() => _b2.Step();
}

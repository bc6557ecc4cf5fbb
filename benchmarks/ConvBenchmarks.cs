// Convolution layers, forward + backward, against their GEMM floor measured in the same run:
//   the floor   the GEMMs an im2col convolution must do for the same layers (forward Y = P·W, input gradient
//               dP = dY·Wᵀ where the input needs one, weight gradient dW = Pᵀ·dY), each timed alone with our
//               production SGEMM on the whole patch matrix; no im2col, bias, activation or pooling.
//   libtorch    ../shared/ANCHORS.md: 20.4 ms for D3's stack, 22.2 ms for B15's Conv1D (same machine type).
// The layers run through autograd exactly as Fit runs them (training mode, a sum as the loss, backward,
// gradients cleared), so the figure includes everything a training step pays for these layers.
using BenchmarkDotNet.Attributes;
using DeepSeq.Autograd;
using Gemm = DeepSeq.Kernels.Cpu.Gemm;
using DeepSeq.Layers;

namespace DeepSeq.Benchmarks;

/// <summary>Quick-mode lines: <c>conv D3 stack fwd+bwd: x ms, GEMM floor y ms, ratio x/y; libtorch 20.4 ms</c>.</summary>
internal static class ConvQuick
{
    public static void Run()
    {
        Report("conv D3 stack (batch 64, 28×28×1 → 32 → 64 → 64, 3×3 same, relu, 2×2 max-pool)", 20.4,
            ConvWorkloads.MnistStack(), ConvWorkloads.MnistFloor());
        Report("conv1d B15 (batch 128, 500 steps, 128 → 32, kernel 7)", 22.2,
            ConvWorkloads.B15Conv1D(), ConvWorkloads.B15Floor());
    }

    static void Report(string what, double libtorchMs, Action layer, Action floor)
    {
        var t = Quick.Measure(2.0, layer, floor);
        Quick.Line($"{what} fwd+bwd: {t[0] * 1e3:F1} ms, GEMM floor {t[1] * 1e3:F1} ms, ratio {t[0] / t[1]:F2}; " +
                   $"libtorch {libtorchMs} ms (ANCHORS.md), ratio {t[0] * 1e3 / libtorchMs:F2}");
    }
}

/// <summary>The two workloads of the issue, each as a training step over its layers and as its GEMM floor.</summary>
internal static class ConvWorkloads
{
    /// <summary>D3's conv stack: a step over the three Conv2D + MaxPooling2D pairs on a batch of 64 images.</summary>
    public static Action MnistStack()
    {
        Session.SetRandomSeed(1);
        var model = new Sequential(new InputLayer([28, 28, 1]),
            new Conv2D(32, 3, padding: "same", activation: "relu"), new MaxPooling2D(),
            new Conv2D(64, 3, padding: "same", activation: "relu"), new MaxPooling2D(),
            new Conv2D(64, 3, padding: "same", activation: "relu"), new MaxPooling2D());
        return Step(model, Input([64, 28, 28, 1]), inputNeedsGrad: false);
    }

    /// <summary>D3's GEMMs: per layer (pixels, K, filters) = (64·28², 9, 32), (64·14², 288, 64), (64·7², 576, 64);
    /// no input gradient for the first layer (the images need none).</summary>
    public static Action MnistFloor() =>
        Floor((64 * 28 * 28, 9, 32, false), (64 * 14 * 14, 288, 64, true), (64 * 7 * 7, 576, 64, true));

    /// <summary>B15's Conv1D(32, 7) on 128 channels over 500 steps, batch 128; the input needs its gradient (it
    /// comes from an Embedding).</summary>
    public static Action B15Conv1D()
    {
        Session.SetRandomSeed(2);
        var model = new Sequential(new InputLayer([500, 128]), new Conv1D(32, 7, activation: "relu"));
        return Step(model, Input([128, 500, 128]), inputNeedsGrad: true);
    }

    /// <summary>B15's GEMMs: 128·494 output steps, K = 7·128, 32 filters, with the input gradient.</summary>
    public static Action B15Floor() => Floor((128 * 494, 7 * 128, 32, true));

    internal static Action Step(Model model, Tensor<float> x, bool inputNeedsGrad) => () =>
    {
        var input = new Variable<float>(x, requiresGrad: inputNeedsGrad);
        model.Call(input, training: true).Sum().Backward();
        foreach (var w in model.TrainableWeights) w.Variable<float>().ZeroGrad();
    };

    /// <summary>Per layer of (rows, k, filters): Y = P·W, dP = dY·Wᵀ where backward needs it, dW = Pᵀ·dY — an
    /// im2col convolution's GEMMs, and a Dense layer's with P its input (StepBenchmarks).</summary>
    internal static Action Floor(params (int Rows, int K, int Filters, bool InputGradient)[] layers)
    {
        var buffers = layers.Select(l => (P: Data(l.Rows * l.K), W: Data(l.K * l.Filters), Y: Data(l.Rows * l.Filters),
            DW: new float[l.K * l.Filters])).ToArray();
        return () =>
        {
            for (int i = 0; i < layers.Length; i++)
            {
                var (rows, k, n, inputGradient) = layers[i];
                var (p, w, y, dw) = buffers[i];
                Gemm.Multiply(false, false, rows, n, k, 1f, p, k, w, n, 0f, y, n);              // Y = P·W
                if (inputGradient) Gemm.Multiply(false, true, rows, k, n, 1f, y, n, w, n, 0f, p, k);   // dP = dY·Wᵀ
                Gemm.Multiply(true, false, k, n, rows, 1f, p, k, y, n, 0f, dw, n);              // dW = Pᵀ·dY
            }
        };
    }

    internal static Tensor<float> Input(int[] shape) => Tensor.FromArray<float>(Data(shape.Aggregate(1, (a, b) => a * b)),
        new Shape(shape));

    internal static float[] Data(int n)
    {
        var rng = new Random(n);
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }
}

/// <summary>The same two workloads under BenchmarkDotNet (<c>--filter *Conv*</c>).</summary>
[MemoryDiagnoser]
public class ConvBenchmarks
{
    private Action _mnist = null!, _mnistFloor = null!, _b15 = null!, _b15Floor = null!;

    [GlobalSetup]
    public void Setup() => (_mnist, _mnistFloor, _b15, _b15Floor) =
        (ConvWorkloads.MnistStack(), ConvWorkloads.MnistFloor(), ConvWorkloads.B15Conv1D(), ConvWorkloads.B15Floor());

    [Benchmark] public void MnistStackStep() => _mnist();
    [Benchmark] public void MnistStackGemmFloor() => _mnistFloor();
    [Benchmark] public void B15Conv1DStep() => _b15();
    [Benchmark] public void B15Conv1DGemmFloor() => _b15Floor();
}

// Recurrent layers, forward + backward, against their GEMM floor measured in the same run:
//   the floor   the GEMMs the layer must do, timed alone with our production SGEMM: the input projections
//               X·W and their two gradients over all steps at once, and per step the recurrent product
//               h·U and its input gradient dz·Uᵀ, then dU = Hᵀ·dZ over all steps; no gates, no dropout.
//   libtorch    ../shared/ANCHORS.md: LSTM(32) B7 54.6 ms, with time-constant recurrent dropout 1,021 ms,
//               GRU(32) B10 33.2 ms, LSTM(1024) E5 187.8 ms (same machine type).
// The layers run through autograd as Fit runs them (training mode, a sum as the loss, backward, gradients
// cleared). The recurrent kernels use glorot_uniform here: the orthogonal initialiser's QR of a 1024 × 4096
// matrix takes seconds and does not change the speed.
using BenchmarkDotNet.Attributes;
using DeepSeq.Layers;
using Gemm = DeepSeq.Kernels.Cpu.Gemm;

namespace DeepSeq.Benchmarks;

/// <summary>Quick-mode lines: each layer's time, its GEMM floor, the ratios to the floor and to libtorch, and the
/// cost of recurrent dropout against the same layer without it.</summary>
internal static class RecurrentQuick
{
    public static void Run()
    {
        var plain = Report("lstm(32) B7 (batch 128, 500 steps, 32 features)", 54.6,
            RecurrentWorkloads.Step(new Lstm(32, recurrentInitializer: "glorot_uniform"), 128, 500, 32),
            RecurrentWorkloads.Floor(128, 500, 32, 32, 4));
        var dropout = Report("lstm(32) B7 with dropout 0.2, recurrent_dropout 0.2", 1021,
            RecurrentWorkloads.Step(new Lstm(32, recurrentInitializer: "glorot_uniform", dropout: 0.2,
                recurrentDropout: 0.2), 128, 500, 32),
            RecurrentWorkloads.Floor(128, 500, 32, 32, 4));
        Quick.Line($"  recurrent dropout costs {dropout / plain:F2}× the plain layer " +
                   "(target ≤ 1.1; libtorch 18.7×)");
        foreach (bool resetAfter in new[] { false, true })
            Report($"gru(32) B10 reset_after={resetAfter} (batch 128, 240 steps, 14 features)", 33.2,
                RecurrentWorkloads.Step(new Gru(32, recurrentInitializer: "glorot_uniform", resetAfter: resetAfter),
                    128, 240, 14),
                RecurrentWorkloads.Floor(128, 240, 14, 32, 3));
        Report("lstm(1024) E5 (batch 8, 250 steps, 64 features)", 187.8,
            RecurrentWorkloads.Step(new Lstm(1024, recurrentInitializer: "glorot_uniform", returnSequences: true),
                8, 250, 64),
            RecurrentWorkloads.Floor(8, 250, 64, 1024, 4));
    }

    static double Report(string what, double libtorchMs, Action layer, Action floor)
    {
        var t = Quick.Measure(3.0, layer, floor);
        Quick.Line($"{what} fwd+bwd: {t[0] * 1e3:F1} ms, GEMM floor {t[1] * 1e3:F1} ms, ratio {t[0] / t[1]:F2}; " +
                   $"libtorch {libtorchMs} ms (ANCHORS.md), ratio {t[0] * 1e3 / libtorchMs:F2}");
        return t[0];
    }
}

/// <summary>The workloads of the recurrent issue, as training steps and as their GEMM floors.</summary>
internal static class RecurrentWorkloads
{
    /// <summary>A training step of <paramref name="layer"/> on a (batch, steps, features) input that needs its
    /// gradient (it comes from an Embedding in B7).</summary>
    public static Action Step(RecurrentLayer layer, int batch, int steps, int features)
    {
        Session.SetRandomSeed(3);
        var model = new Sequential(new InputLayer([steps, features]), layer);
        return ConvWorkloads.Step(model, ConvWorkloads.Input([batch, steps, features]), inputNeedsGrad: true);
    }

    /// <summary>The GEMMs of a layer of <paramref name="units"/> with <paramref name="gates"/> gates (see the file
    /// header).</summary>
    public static Action Floor(int batch, int steps, int features, int units, int gates)
    {
        int rows = batch * steps, width = gates * units;
        var (x, w, xz) = (ConvWorkloads.Data(rows * features), ConvWorkloads.Data(features * width),
            ConvWorkloads.Data(rows * width));
        var (h, u, z) = (ConvWorkloads.Data(rows * units), ConvWorkloads.Data(units * width),
            ConvWorkloads.Data(batch * width));
        var (dw, du, dh) = (new float[features * width], new float[units * width], new float[batch * units]);
        return () =>
        {
            Gemm.Multiply(false, false, rows, width, features, 1f, x, features, w, width, 0f, xz, width);  // X·W
            for (int t = 0; t < steps; t++)                                                               // h·U
                Gemm.Multiply(false, false, batch, width, units, 1f, h.AsSpan(t * batch * units), units, u, width,
                    0f, z, width);
            for (int t = 0; t < steps; t++)                                                               // dz·Uᵀ
                Gemm.Multiply(false, true, batch, units, width, 1f, z, width, u, width, 0f, dh, units);
            Gemm.Multiply(true, false, units, width, rows, 1f, h, units, xz, width, 0f, du, width);       // Hᵀ·dZ
            Gemm.Multiply(true, false, features, width, rows, 1f, x, features, xz, width, 0f, dw, width); // Xᵀ·dZ
            Gemm.Multiply(false, true, rows, features, width, 1f, xz, width, w, width, 0f, x, features);  // dZ·Wᵀ
        };
    }
}

/// <summary>The same workloads under BenchmarkDotNet (<c>--filter *Recurrent*</c>).</summary>
[MemoryDiagnoser]
public class RecurrentBenchmarks
{
    private Action _b7 = null!, _b7Dropout = null!, _b7Floor = null!;

    [GlobalSetup]
    public void Setup() => (_b7, _b7Dropout, _b7Floor) = (
        RecurrentWorkloads.Step(new Lstm(32, recurrentInitializer: "glorot_uniform"), 128, 500, 32),
        RecurrentWorkloads.Step(new Lstm(32, recurrentInitializer: "glorot_uniform", dropout: 0.2,
            recurrentDropout: 0.2), 128, 500, 32),
        RecurrentWorkloads.Floor(128, 500, 32, 32, 4));

    [Benchmark] public void LstmB7Step() => _b7();
    [Benchmark] public void LstmB7DropoutStep() => _b7Dropout();
    [Benchmark] public void LstmB7GemmFloor() => _b7Floor();
}

// The BERT encoder's forward pass (inference, as E8 runs the frozen encoder) against its GEMM floor in the same run:
//   the workload  all-MiniLM-L6-v2's sizes (6 blocks, hidden 384, 12 heads of 32, feed-forward 1536) on a batch of
//                 32 tweets of 64 tokens, weights random (the speed does not depend on them), under NoGrad.
//   the floor     the GEMMs the encoder must do, timed alone with our production SGEMM: per block the Q, K, V and
//                 output projections (2048 × 384 by 384 × 384), the feed-forward pair (2048 × 384 by 384 × 1536 and
//                 back), and per (tweet, head) Q·Kᵀ (64 × 32 by 32 × 64) and P·V (64 × 64 by 64 × 32); no softmax,
//                 LayerNorm, GELU, bias or reshapes. Napkin math: 6 × (4 · 2·2048·384² + 2 · 2·2048·384·1536 +
//                 384 · 2 · 2·64·64·32) ≈ 44.7 GFLOP per batch; at ~300 GFLOP/s
//                 that is ≈ 0.15 s.
// No libtorch anchor for this layer is in ../shared/ANCHORS.md.
using BenchmarkDotNet.Attributes;
using DeepSeq.Autograd;
using DeepSeq.Layers;
using Gemm = DeepSeq.Kernels.Cpu.Gemm;

namespace DeepSeq.Benchmarks;

/// <summary>Quick-mode line: the encoder's forward time, its GEMM floor and their ratio.</summary>
internal static class AttentionQuick
{
    public static void Run()
    {
        var t = Quick.Measure(6.0, AttentionWorkloads.Forward(32, 64), AttentionWorkloads.Floor(32, 64));
        Quick.Line($"bert encoder (MiniLM sizes) forward, batch 32 × 64 tokens: {t[0] * 1e3:F1} ms, GEMM floor " +
                   $"{t[1] * 1e3:F1} ms, ratio {t[0] / t[1]:F2}; {AttentionWorkloads.Flops(32, 64) / t[0] / 1e9:F0} " +
                   "GFLOP/s of GEMM work");
    }
}

/// <summary>The encoder workload and its GEMM floor.</summary>
internal static class AttentionWorkloads
{
    private static readonly BertConfig Config = BertConfig.AllMiniLmL6V2;

    /// <summary>The floor's multiply-adds ×2 (see the file header).</summary>
    public static double Flops(int batch, int steps)
    {
        double rows = batch * steps, h = Config.HiddenSize, f = Config.IntermediateSize, d = Config.HeadSize;
        double perBlock = 4 * 2 * rows * h * h + 2 * 2 * rows * h * f
                          + batch * Config.NumHeads * 2 * (2 * steps * steps * d);
        return Config.NumLayers * perBlock;
    }

    /// <summary>One forward of the encoder on random ids with a full attention mask.</summary>
    public static Action Forward(int batch, int steps)
    {
        Session.SetRandomSeed(3);
        var encoder = new BertEncoder(Config);
        var random = new Random(3);
        var ids = Tensor.FromArray<float>([.. Enumerable.Range(0, batch * steps)
            .Select(_ => (float)random.Next(Config.VocabSize))], new Shape(batch, steps));
        var mask = Tensor.Ones<float>(new Shape(batch, steps));
        return () =>
        {
            using var noGrad = GradMode.NoGrad();
            encoder.Call<float>([new Variable<float>(ids), new Variable<float>(mask)]);
        };
    }

    /// <summary>The GEMMs of the encoder (see the file header).</summary>
    public static Action Floor(int batch, int steps)
    {
        int rows = batch * steps, h = Config.HiddenSize, f = Config.IntermediateSize, d = Config.HeadSize;
        var (x, w, y) = (ConvWorkloads.Data(rows * h), ConvWorkloads.Data(h * f), new float[rows * f]);
        var (q, k, s) = (ConvWorkloads.Data(steps * d), ConvWorkloads.Data(steps * d), new float[steps * steps]);
        var o = new float[steps * d];
        return () =>
        {
            for (int layer = 0; layer < Config.NumLayers; layer++)
            {
                for (int p = 0; p < 4; p++)                                                  // Q, K, V, output
                    Gemm.Multiply(false, false, rows, h, h, 1f, x, h, w, h, 0f, y, h);
                Gemm.Multiply(false, false, rows, f, h, 1f, x, h, w, f, 0f, y, f);          // intermediate
                Gemm.Multiply(false, false, rows, h, f, 1f, y, f, w, h, 0f, x, h);          // output
                for (int head = 0; head < batch * Config.NumHeads; head++)
                {
                    Gemm.Multiply(false, true, steps, steps, d, 1f, q, d, k, d, 0f, s, steps);   // Q·Kᵀ
                    Gemm.Multiply(false, false, steps, d, steps, 1f, s, steps, k, d, 0f, o, d);  // P·V
                }
            }
        };
    }
}

/// <summary>The same workload under BenchmarkDotNet (<c>--filter *Attention*</c>).</summary>
[MemoryDiagnoser]
public class AttentionBenchmarks
{
    private Action _forward = null!, _floor = null!;

    [GlobalSetup]
    public void Setup() => (_forward, _floor) = (AttentionWorkloads.Forward(32, 64), AttentionWorkloads.Floor(32, 64));

    [Benchmark] public void BertEncoderForward() => _forward();
    [Benchmark] public void BertEncoderGemmFloor() => _floor();
}

// SGEMM/DGEMM throughput, DeepSeq against OpenBLAS in the same process.
// Shapes are written m×k×n: C (m×n) = A (m×k) · B (k×n), all row-major, no transposes, alpha = 1, beta = 0.
// GFLOP/s = 2·m·k·n / seconds / 1e9 (one multiply and one add per term).
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using DeepSeq.Kernels.Cpu;

namespace DeepSeq.Benchmarks;

/// <summary>A GEMM problem size, C (M×N) = A (M×K)·B (K×N); prints as M×K×N.</summary>
public sealed record GemmShape(int M, int K, int N)
{
    /// <summary>Floating-point operations of one multiply: a multiply and an add per term.</summary>
    public double Flops => 2.0 * M * K * N;
    /// <inheritdoc/>
    public override string ToString() => $"{M}x{K}x{N}";

    /// <summary>The headline shapes: squares, and a skinny one shaped like a weight gradient dW = Xᵀ·dY
    /// over a long batch (k = 4096 rows of X, 128 inputs, 128 outputs).</summary>
    public static readonly GemmShape[] Headline =
        [new(128, 128, 128), new(256, 256, 256), new(512, 512, 512), new(1024, 1024, 1024), new(2048, 2048, 2048),
         new(128, 4096, 128)];
}

/// <summary>
/// One GEMM call of a workload, C (M×N) = op(A) (M×K)·op(B) (K×N), with the transpositions the layer's forward
/// or gradient uses (dW = Xᵀ·dY reads X transposed: TransA; dX = dY·Wᵀ reads W transposed: TransB).
/// Prints as <c>name MxKxN TT</c> (N = as stored, T = transposed).
/// </summary>
public sealed record GemmCall(string Name, int M, int K, int N, bool TransA = false, bool TransB = false)
{
    /// <summary>Floating-point operations of one call.</summary>
    public double Flops => 2.0 * M * K * N;
    /// <summary>Row strides of the stored operands (dense): A is M×K or K×M, B is K×N or N×K.</summary>
    public int Lda => TransA ? M : K;
    /// <inheritdoc cref="Lda"/>
    public int Ldb => TransB ? K : N;
    /// <inheritdoc/>
    public override string ToString() => $"{Name} {M}x{K}x{N} {(TransA ? 'T' : 'N')}{(TransB ? 'T' : 'N')}";

    /// <summary>
    /// The skinny and small GEMMs of the workloads in issue 12 (A1, A2, B2, the recurrent layers of
    /// ../shared/ANCHORS.md), forward and gradients, then the two small squares.
    /// </summary>
    public static readonly GemmCall[] Workloads =
    [
        new("a1.fwd", 512, 10000, 16), new("a1.dW", 10000, 512, 16, TransA: true),
        new("a1.dX", 512, 16, 10000, TransB: true),
        new("a2.fwd1", 128, 784, 32), new("a2.dW1", 784, 128, 32, TransA: true),
        new("a2.fwd2", 128, 32, 10), new("a2.dW2", 32, 128, 10, TransA: true),
        new("a2.dX2", 128, 10, 32, TransB: true),
        new("b2.fwd", 32, 160, 1), new("b2.dW", 160, 32, 1, TransA: true), new("b2.dX", 32, 1, 160, TransB: true),
        new("rnn32.step", 128, 32, 128), new("rnn32.dh", 128, 128, 32, TransB: true),
        new("rnn32.dW", 32, 128, 128, TransA: true),
        new("rnn1024.step", 8, 1024, 4096), new("rnn1024.dh", 8, 4096, 1024, TransB: true),
        new("rnn1024.dW", 1024, 8, 4096, TransA: true),
        new("proj.fwd", 64000, 32, 128), new("proj.dW", 32, 64000, 128, TransA: true),
        new("proj.dX", 64000, 128, 32, TransB: true),
        new("tiny", 1, 1, 1),
        new("square", 256, 256, 256), new("square", 512, 512, 512),
    ];
}

/// <summary>Quick-mode lines for GEMM: <c>sgemm MxKxN: ours GFLOP/s, openblas GFLOP/s, ratio</c>.</summary>
internal static class GemmQuick
{
    public static void Run()
    {
        foreach (GemmShape s in GemmShape.Headline) Sgemm(s);
        Dgemm(new GemmShape(1024, 1024, 1024));
    }

    /// <summary>
    /// The workload calls (<see cref="GemmCall.Workloads"/>): ours (Gemm.Multiply), V4 alone (the production choice
    /// before the skinny and small paths, for before/after in one run) and OpenBLAS, timed interleaved; µs per
    /// call and OpenBLAS / ours (above 1: we are faster).
    /// </summary>
    public static void Workloads()
    {
        foreach (GemmCall s in GemmCall.Workloads)
        {
            if (Environment.GetEnvironmentVariable("GEMM_ONLY") is { } only && !s.ToString().Contains(only)) continue;
            int aLen = s.M * s.K, bLen = s.K * s.N;
            var (a, b, c) = (Random<float>(aLen, 1), Random<float>(bLen, 2), new float[s.M * s.N]);
            double[] t = MeasureBatched(0.5, 300,
                () => Gemm.Multiply(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.Lda, b, s.Ldb, 0f, c, s.N),
                () => GemmV4Parallel.Multiply(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.Lda, b, s.Ldb, 0f, c, s.N),
                () => OpenBlas.Sgemm(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.Lda, b, s.Ldb, 0f, c, s.N));
            Quick.Line($"sgemm {s}: ours {t[0] * 1e6:G4} µs ({s.Flops / t[0] / 1e9:F1} GFLOP/s), " +
                       $"v4 {t[1] * 1e6:G4} µs, openblas {t[2] * 1e6:G4} µs, ratio {t[2] / t[0]:F2} " +
                       $"(v4 {t[2] / t[1]:F2})");
        }
    }

    /// <summary>
    /// The crossovers behind Gemm.UseSkinny and GemmV5Skinny.Mirror: V4, V5 plain and V5 mirrored over a grid of
    /// shapes around them (narrow side 16…128, the other 512, k shallow and deep), µs per call.
    /// </summary>
    public static void Crossovers()
    {
        var grid = new List<GemmCall>();
        foreach (int size in new[] { 128, 192, 256, 384, 512 })
            grid.AddRange([new("square", size, size, size),
                new("square", size, size, size, TransA: true, TransB: true)]);
        foreach (int k in new[] { 32, 128, 512 })
            foreach (int narrow in new[] { 16, 48, 64, 96, 128 })
                grid.AddRange([
                    new("tall", 512, k, narrow), new("tall", 512, k, narrow, TransA: true),
                    new("wide", narrow, k, 512), new("wide", narrow, k, 512, TransB: true)]);
        foreach (GemmCall s in grid)
                {
                    var (a, b, c) = (Random<float>(s.M * s.K, 1), Random<float>(s.K * s.N, 2), new float[s.M * s.N]);
                    double[] t = MeasureBatched(0.2, 100,
                        () => GemmV4Parallel.Multiply(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.Lda, b, s.Ldb, 0f,
                            c, s.N),
                        () => GemmV5Skinny.Multiply(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.Lda, b, s.Ldb, 0f,
                            c, s.N, Environment.ProcessorCount, mirrored: false),
                        () => GemmV5Skinny.Multiply(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.Lda, b, s.Ldb, 0f,
                            c, s.N, Environment.ProcessorCount, mirrored: true),
                        () => GemmV5Skinny.Multiply(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.Lda, b, s.Ldb, 0f,
                            c, s.N, Environment.ProcessorCount, threshold: 0),
                        () => Gemm.Multiply(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, s.Lda, b, s.Ldb, 0f, c, s.N));
                    Quick.Line($"crossover {s}: v4 {t[0] * 1e6:F2} µs, v5 {t[1] * 1e6:F2} µs, " +
                               $"v5 mirrored {t[2] * 1e6:F2} µs, v5 always parallel {t[3] * 1e6:F2} µs, " +
                               $"Gemm.Multiply {t[4] * 1e6:F2} µs");
                }
    }

    /// <summary>
    /// <see cref="Quick.Measure"/> of calls too short to time one by one: each action is repeated in a batch of
    /// ≥ ~20 µs (the same count for all, from the slowest), and the result is seconds per call.
    /// </summary>
    static double[] MeasureBatched(double budgetSeconds, int pauseMs, params Action[] actions)
    {
        double slowest = 0;
        foreach (Action act in actions)
        {
            act(); act();
            long t0 = Stopwatch.GetTimestamp();
            act();
            slowest = Math.Max(slowest, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        int reps = (int)Math.Clamp(20e-6 / Math.Max(slowest, 1e-8), 1, 1000);
        Action[] batched = actions.Select(act => (Action)(() => { for (int r = 0; r < reps; r++) act(); })).ToArray();
        return Quick.Measure(budgetSeconds, pauseMs, batched).Select(t => t / reps).ToArray();
    }

    /// <summary>The journey: each numbered version alone (V1, V2 at 512³ only; they are too slow for more).</summary>
    public static void Versions()
    {
        foreach (int size in new[] { 512, 1024 })
        {
            var (a, b, c) = (Random<float>(size * size, 1), Random<float>(size * size, 2), new float[size * size]);
            var versions = new List<(string, Action)>();
            if (size <= 512)
            {
                versions.Add(("v1 naive",
                    () => GemmV1Naive.Multiply(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size)));
                versions.Add(("v2 blocked",
                    () => GemmV2Blocked.Multiply(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size)));
            }
            versions.Add(("v3 packed",
                () => GemmV3Packed.Multiply(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size)));
            versions.Add(("v4 parallel",
                () => GemmV4Parallel.Multiply(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size)));
            versions.Add(("v5 skinny",
                () => GemmV5Skinny.Multiply(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size)));
            foreach (var (name, run) in versions)
            {
                double t = Quick.Measure(1.0, run)[0];
                Quick.Line($"{name} {size}x{size}x{size}: {2.0 * size * size * size / t / 1e9:F1} GFLOP/s");
            }
        }
    }

    static void Sgemm(GemmShape s) => Compare<float>("sgemm", s, OpenBlas.Sgemm);

    static void Dgemm(GemmShape s) => Compare<double>("dgemm", s, OpenBlas.Dgemm);

    // One headline line: DeepSeq's GEMM and OpenBLAS's on the same random operands, timed interleaved.
    static void Compare<T>(string name, GemmShape s, BlasGemm<T> openblas)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var (a, b, c) = (Random<T>(s.M * s.K, 1), Random<T>(s.K * s.N, 2), new T[s.M * s.N]);
        double[] t = Quick.Measure(BudgetFor(s),
            () => Gemm.Multiply(false, false, s.M, s.N, s.K, T.One, a, s.K, b, s.N, T.Zero, c, s.N),
            () => openblas(false, false, s.M, s.N, s.K, T.One, a, s.K, b, s.N, T.Zero, c, s.N));
        Quick.Line($"{name} {s}: {s.Flops / t[0] / 1e9:F1} GFLOP/s, openblas {s.Flops / t[1] / 1e9:F1} GFLOP/s, " +
                   $"ratio {t[1] / t[0]:F2}");
    }

    delegate void BlasGemm<T>(bool transA, bool transB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc);

    // ~1.5 s per shape for both sides together; the big shape gets a little more, it has fewer reps.
    static double BudgetFor(GemmShape s) => s.Flops > 1e10 ? 3.0 : 1.5;

    internal static T[] Random<T>(int length, int seed) where T : struct, System.Numerics.IFloatingPoint<T>
    {
        var rng = new Random(seed);
        var x = new T[length];
        for (int i = 0; i < length; i++) x[i] = T.CreateTruncating(rng.NextDouble() - 0.5);
        return x;
    }
}

/// <summary>BenchmarkDotNet suite: SGEMM, DeepSeq vs OpenBLAS (both on all cores), over the headline shapes.</summary>
[Config(typeof(GemmConfig))]
public class SgemmBenchmarks
{
    float[] _a = [], _b = [], _c = [];

    /// <summary>The problem size (M×K×N).</summary>
    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.Headline[0];

    /// <summary>Values for <see cref="Shape"/>.</summary>
    public static IEnumerable<GemmShape> Shapes => GemmShape.Headline;

    /// <summary>Allocates random operands; one OpenBLAS thread per core.</summary>
    [GlobalSetup]
    public void Setup()
    {
        OpenBlas.Threads = Environment.ProcessorCount;
        _a = GemmQuick.Random<float>(Shape.M * Shape.K, 1);
        _b = GemmQuick.Random<float>(Shape.K * Shape.N, 2);
        _c = new float[Shape.M * Shape.N];
    }

    /// <summary>DeepSeq's production GEMM.</summary>
    [Benchmark(Baseline = true)]
    public void DeepSeq()
        => Gemm.Multiply(false, false, Shape.M, Shape.N, Shape.K, 1f, _a, Shape.K, _b, Shape.N, 0f, _c, Shape.N);

    /// <summary>OpenBLAS cblas_sgemm (kernels per OPENBLAS_CORETYPE).</summary>
    [Benchmark]
    public void OpenBLAS()
        => OpenBlas.Sgemm(false, false, Shape.M, Shape.N, Shape.K, 1f, _a, Shape.K, _b, Shape.N, 0f, _c, Shape.N);
}

/// <summary>BenchmarkDotNet suite: the workload GEMMs (<see cref="GemmCall.Workloads"/>: skinny and small, with
/// their transpositions), DeepSeq's dispatch against V4 alone (the choice before V5) and OpenBLAS.</summary>
[Config(typeof(GemmConfig))]
public class SgemmWorkloadBenchmarks
{
    float[] _a = [], _b = [], _c = [];

    /// <summary>The call (shape and transpositions).</summary>
    [ParamsSource(nameof(Calls))]
    public GemmCall Call { get; set; } = GemmCall.Workloads[0];

    /// <summary>Values for <see cref="Call"/>.</summary>
    public static IEnumerable<GemmCall> Calls => GemmCall.Workloads;

    /// <summary>Allocates random operands; one OpenBLAS thread per core.</summary>
    [GlobalSetup]
    public void Setup()
    {
        OpenBlas.Threads = Environment.ProcessorCount;
        _a = GemmQuick.Random<float>(Call.M * Call.K, 1);
        _b = GemmQuick.Random<float>(Call.K * Call.N, 2);
        _c = new float[Call.M * Call.N];
    }

    /// <summary>DeepSeq's production GEMM (Gemm.Multiply's dispatch).</summary>
    [Benchmark(Baseline = true)]
    public void DeepSeq() => Gemm.Multiply(Call.TransA, Call.TransB, Call.M, Call.N, Call.K, 1f, _a, Call.Lda, _b,
        Call.Ldb, 0f, _c, Call.N);

    /// <summary>V4 alone, the production choice before V5.</summary>
    [Benchmark]
    public void V4() => GemmV4Parallel.Multiply(Call.TransA, Call.TransB, Call.M, Call.N, Call.K, 1f, _a, Call.Lda,
        _b, Call.Ldb, 0f, _c, Call.N);

    /// <summary>OpenBLAS cblas_sgemm.</summary>
    [Benchmark]
    public void OpenBLAS() => OpenBlas.Sgemm(Call.TransA, Call.TransB, Call.M, Call.N, Call.K, 1f, _a, Call.Lda, _b,
        Call.Ldb, 0f, _c, Call.N);
}

/// <summary>BenchmarkDotNet suite: the numbered GEMM versions side by side (the journey in RESULTS.md), square
/// sizes. V1 and V2 only at 512³: at 1024³ V1 takes seconds per call.</summary>
[Config(typeof(GemmConfig))]
public class SgemmVersionBenchmarks
{
    float[] _a = [], _b = [], _c = [];

    /// <summary>Allocates random operands for the largest size.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _a = GemmQuick.Random<float>(1024 * 1024, 1);
        _b = GemmQuick.Random<float>(1024 * 1024, 2);
        _c = new float[1024 * 1024];
    }

    /// <summary>V1, the reference triple loop.</summary>
    [Benchmark, Arguments(512)]
    public void V1Naive(int size)
        => GemmV1Naive.Multiply(false, false, size, size, size, 1f, _a, size, _b, size, 0f, _c, size);
    /// <summary>V2, loop order + blocking.</summary>
    [Benchmark, Arguments(512)]
    public void V2Blocked(int size)
        => GemmV2Blocked.Multiply(false, false, size, size, size, 1f, _a, size, _b, size, 0f, _c, size);
    /// <summary>V3, packed + SIMD micro-kernel, one core.</summary>
    [Benchmark, Arguments(512), Arguments(1024)]
    public void V3Packed(int size)
        => GemmV3Packed.Multiply(false, false, size, size, size, 1f, _a, size, _b, size, 0f, _c, size);
    /// <summary>V4, V3 on all cores.</summary>
    [Benchmark, Arguments(512), Arguments(1024)]
    public void V4Parallel(int size)
        => GemmV4Parallel.Multiply(false, false, size, size, size, 1f, _a, size, _b, size, 0f, _c, size);
    /// <summary>V5, the narrow operand packed and the wide one read in place (here neither is narrow).</summary>
    [Benchmark, Arguments(512), Arguments(1024)]
    public void V5Skinny(int size)
        => GemmV5Skinny.Multiply(false, false, size, size, size, 1f, _a, size, _b, size, 0f, _c, size);
}

/// <summary>
/// Adds the GFLOP/s column; shapes come from a <see cref="GemmShape"/> parameter or an int <c>size</c> argument
/// (square).
/// </summary>
public sealed class GemmConfig : ManualConfig
{
    /// <summary>Default job plus GFLOP/s = 2·m·k·n / mean time.</summary>
    public GemmConfig() => AddColumn(new ThroughputColumn("GFLOP/s",
        "Billions of floating-point operations per second, 2·m·k·n / mean", FlopsPerCall));

    static double FlopsPerCall(BenchmarkCase benchmarkCase)
    {
        double flops = 0;
        foreach (var p in benchmarkCase.Parameters.Items)
            flops = p.Value switch
            {
                GemmShape s => s.Flops,
                GemmCall call => call.Flops,
                int size when p.Name.Equals("size", StringComparison.OrdinalIgnoreCase) => 2.0 * size * size * size,
                _ => flops,
            };
        return flops;
    }
}

// Elementwise and reduction throughput in GB/s, DeepSeq against two anchors measured in the same run:
//   memcpy            Span<float>.CopyTo of the same number of bytes: the memory-bandwidth ceiling
//                     a streaming op cannot beat (it reads and writes, like y = f(x))
//   TensorPrimitives  .NET's own vectorised span kernels (System.Numerics.Tensors; benchmark only,
//                     never a dependency of the library)
// GB/s counts the bytes an op must move: y = a + b reads 2 and writes 1 array, exp reads 1 and writes 1,
// sum reads 1. Single-threaded kernels are compared with single-threaded anchors; the tensor-level
// lines (which allocate their output and split large work across the cores) are shown beside memcpy.
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using DeepSeq.Kernels.Cpu;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Benchmarks;

/// <summary>
/// Quick-mode lines for elementwise ops: <c>add 1M floats: x GB/s, TensorPrimitives y GB/s, ratio</c>.
/// </summary>
internal static class ElementwiseQuick
{
    public static void Run()
    {
        foreach (int n in new[] { 1 << 20, 1 << 24 }) Kernels(n);
        TensorLevel(1 << 24);
    }

    static string Size(int n) => n >= 1 << 20 ? $"{n >> 20}M" : $"{n >> 10}K";

    static void Kernels(int n)
    {
        var (a, b, y) = (Data(n, 1), Data(n, 2), new float[n]);
        double bytes1 = 4.0 * n;
        var t = Quick.Measure(1.0,
            () => a.AsSpan().CopyTo(y),
            () => Zip.Contiguous<float, AddOp<float>>(y, a, b),
            () => TensorPrimitives.Add(a, b, y),
            () => Map.Contiguous<float, float, ExpOp<float>>(y, a),
            () => TensorPrimitives.Exp(a, y),
            () => Reduce.Contiguous<float, AddOp<float>>(a),
            () => TensorPrimitives.Sum(a));
        double Gbs(double bytes, double seconds) => bytes / seconds / 1e9;
        Quick.Line($"memcpy {Size(n)} floats: {Gbs(2 * bytes1, t[0]):F1} GB/s (1 thread)");
        Quick.Line($"add {Size(n)} floats: {Gbs(3 * bytes1, t[1]):F1} GB/s, TensorPrimitives " +
                   $"{Gbs(3 * bytes1, t[2]):F1} GB/s, ratio {t[2] / t[1]:F2}");
        Quick.Line($"exp {Size(n)} floats: {Gbs(2 * bytes1, t[3]):F1} GB/s, TensorPrimitives " +
                   $"{Gbs(2 * bytes1, t[4]):F1} GB/s, ratio {t[4] / t[3]:F2}");
        Quick.Line($"sum {Size(n)} floats: {Gbs(bytes1, t[5]):F1} GB/s, TensorPrimitives {Gbs(bytes1, t[6]):F1} " +
                   $"GB/s, ratio {t[6] / t[5]:F2}");
    }

    static void TensorLevel(int n)
    {
        int rows = n / 1024;
        var x = Tensor.FromArray<float>(Data(n, 3), new Shape(rows, 1024));
        var z = Tensor.FromArray<float>(Data(n, 4), new Shape(rows, 1024));
        var bias = Tensor.FromArray<float>(Data(1024, 5), new Shape(1024));
        var (src, dst) = (Data(n, 6), new float[n]);
        var t = Quick.Measure(1.0, () => src.AsSpan().CopyTo(dst), () => _ = x + bias, () => _ = x + z,
            () => _ = x.Transpose().Contiguous());
        double bytes = 4.0 * n;
        Quick.Line($"tensor x + bias ({rows},1024)+(1024): {2 * bytes / t[1] / 1e9:F1} GB/s incl. allocation, memcpy " +
                   $"{2 * bytes / t[0] / 1e9:F1} GB/s");
        Quick.Line($"tensor x + z ({rows},1024): {3 * bytes / t[2] / 1e9:F1} GB/s incl. allocation");
        Quick.Line($"tensor transpose copy ({rows},1024): {2 * bytes / t[3] / 1e9:F1} GB/s incl. allocation");
    }

    internal static float[] Data(int n, int seed)
    {
        var rng = new Random(seed);
        var data = new float[n];
        for (int i = 0; i < n; i++) data[i] = (float)(rng.NextDouble() * 4 - 2);
        return data;
    }
}

/// <summary>BenchmarkDotNet suite: the same kernels and anchors, 1M floats (in cache) and 16M (from memory).</summary>
[MemoryDiagnoser, Config(typeof(ElementwiseConfig))]
public class ElementwiseBenchmarks
{
    private float[] _a = [], _b = [], _y = [];

    /// <summary>Elements per array.</summary>
    [Params(1 << 20, 1 << 24)]
    public int N { get; set; }

    /// <summary>Fills the inputs.</summary>
    [GlobalSetup]
    public void Setup() => (_a, _b, _y) = (ElementwiseQuick.Data(N, 1), ElementwiseQuick.Data(N, 2), new float[N]);

    /// <summary>Anchor: the bandwidth ceiling.</summary>
    [Benchmark(Baseline = true)] public void Memcpy() => _a.AsSpan().CopyTo(_y);
    /// <summary>y = a + b, DeepSeq.</summary>
    [Benchmark] public void AddDeepSeq() => Zip.Contiguous<float, AddOp<float>>(_y, _a, _b);
    /// <summary>y = a + b, TensorPrimitives.</summary>
    [Benchmark] public void AddTensorPrimitives() => TensorPrimitives.Add(_a, _b, _y);
    /// <summary>y = eᵃ, DeepSeq.</summary>
    [Benchmark] public void ExpDeepSeq() => Map.Contiguous<float, float, ExpOp<float>>(_y, _a);
    /// <summary>y = eᵃ, TensorPrimitives.</summary>
    [Benchmark] public void ExpTensorPrimitives() => TensorPrimitives.Exp(_a, _y);
    /// <summary>Σa, DeepSeq.</summary>
    [Benchmark] public float SumDeepSeq() => Reduce.Contiguous<float, AddOp<float>>(_a);
    /// <summary>Σa, TensorPrimitives.</summary>
    [Benchmark] public float SumTensorPrimitives() => TensorPrimitives.Sum(_a);
}

/// <summary>Adds the GB/s column: bytes an op must move (reads + writes) / mean time.</summary>
public sealed class ElementwiseConfig : ManualConfig
{
    /// <summary>Default job plus GB/s.</summary>
    public ElementwiseConfig() => AddColumn(new ThroughputColumn("GB/s",
        "Gigabytes moved per second: add reads 2 arrays and writes 1, exp and memcpy read 1 and " +
        "write 1, sum reads 1", BytesPerCall));

    static double BytesPerCall(BenchmarkCase benchmarkCase)
    {
        int n = benchmarkCase.Parameters.Items
            .Where(p => p.Name == nameof(ElementwiseBenchmarks.N))
            .Select(p => (int)p.Value!)
            .FirstOrDefault();
        string method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        int arrays = method.StartsWith("Add") ? 3 : method.StartsWith("Sum") ? 1 : 2;
        return 4.0 * n * arrays;
    }
}

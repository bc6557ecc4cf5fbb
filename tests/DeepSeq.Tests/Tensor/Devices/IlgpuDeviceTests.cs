using DeepSeq.Devices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Tensor.Devices;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The same ops on the same data give the same values on the CPU backend and on ILGPU.
/// </summary>
/// <remarks>
/// Float tolerances, CPU against ILGPU:
/// <list type="bullet">
/// <item>+, −, ×, ÷, comparisons, max, min, abs, relu, where, gather, casts: bit-equal (any NaN matches any NaN) —
/// IEEE 754 leaves them no freedom.</item>
/// <item>exp, log, tanh, sigmoid: |cpu − ilgpu| ≤ 10⁻⁶·max(|ilgpu|, 1). The CPU runs vectorised approximations,
/// ILGPU the scalar runtime functions; the floor of 1 is there because log near 1 is near 0, where a
/// one-ulp difference of the input is a huge relative one of the output.</item>
/// <item>sum: 2n·u·Σ|x| (the two backends add in different orders), mean: that over n plus one rounding;
/// max, min, argmax: exact.</item>
/// <item>matmul: k·10⁻⁶·Σₚ|a_ip|·|b_pj|; softmax: 10⁻⁶ absolute.</item>
/// </list>
/// </remarks>
public sealed class IlgpuDeviceTests
{
    private static readonly Device Cpu = Device.Cpu;
    private static readonly Device Gpu = IlgpuDevice.CpuSimulator;
    private const double U = 1.0 / (1 << 24);

    private static void Run<T>(Gen<T> gen, Action<T> body, int cases = 25)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true), Prop.ForAll(gen.ToArbitrary(), body));

    private static void Same(Tensor<float> cpu, Tensor<float> gpu, string what) => Close(cpu, gpu, (_, _) => 0, what);

    private static void Same(Tensor<int> cpu, Tensor<int> gpu, string what)
    {
        Assert.Equal(cpu.Shape, gpu.Shape);
        Assert.True(cpu.ToArray().SequenceEqual(gpu.ToArray()), $"{what}: cpu {cpu} ≠ ilgpu {gpu}");
    }

    private static void Close(Tensor<float> cpu, Tensor<float> gpu, Func<int, float, double> tolerance, string what)
    {
        Assert.Same(Cpu, cpu.Device);
        Assert.Same(Gpu, gpu.Device);
        Assert.Equal(cpu.Shape, gpu.Shape);
        var (c, g) = (cpu.ToArray(), gpu.ToArray());
        for (int i = 0; i < c.Length; i++)
        {
            bool ok = float.IsNaN(c[i]) ? float.IsNaN(g[i])
                : tolerance(i, g[i]) == 0 || float.IsInfinity(g[i]) ? BitConverter.SingleToInt32Bits(c[i]) == BitConverter.SingleToInt32Bits(g[i])
                : Math.Abs(c[i] - g[i]) <= tolerance(i, g[i]);
            Assert.True(ok, $"{what}: element {i} is {c[i]:R} on the cpu and {g[i]:R} on ilgpu\n  cpu   {cpu}\n  ilgpu {gpu}");
        }
    }

    [Fact]
    public void ElementwiseOpsAgree() => Run(
        from pair in TensorGen.BroadcastCases(4, 40, TensorGen.RealOrTies)
        from positive in TensorGen.Case(pair.A.Shape, TensorGen.Positive)
        select (pair.A, pair.B, positive),
        t =>
        {
            var (a, b, p) = (t.A.Make<float>(Cpu), t.B.Make<float>(Cpu), t.positive.Make<float>(Cpu));
            var (ga, gb, gp) = (t.A.Make<float>(Gpu), t.B.Make<float>(Gpu), t.positive.Make<float>(Gpu));
            string of = $"of {t.A} and {t.B}";
            Same(a + b, ga + gb, $"add {of}");
            Same(a - b, ga - gb, $"subtract {of}");
            Same(a * b, ga * gb, $"multiply {of}");
            Same(a / b, ga / gb, $"divide {of}");
            Same(a.Maximum(b), ga.Maximum(gb), $"maximum {of}");
            Same(a.Minimum(b), ga.Minimum(gb), $"minimum {of}");
            Same(a.Less(b), ga.Less(gb), $"less {of}");
            Same(a.GreaterEqual(b), ga.GreaterEqual(gb), $"greater_equal {of}");
            Same(a.NotEqual(b), ga.NotEqual(gb), $"not_equal {of}");
            Same(Tensor.Where(a.Greater(b), a, b), Tensor.Where(ga.Greater(gb), ga, gb), $"where {of}");
            Same(a.Abs().Relu(), ga.Abs().Relu(), $"abs, relu {of}");
            Same(a.Cast<int>(), ga.Cast<int>(), $"cast {of}");
            Same(p.Sqrt(), gp.Sqrt(), $"sqrt of {t.positive}");
            Func<int, float, double> transcendental = (_, g) => 1e-6 * Math.Max(Math.Abs(g), 1);
            Close(a.Exp(), ga.Exp(), transcendental, $"exp of {t.A}");
            Close(p.Log(), gp.Log(), transcendental, $"log of {t.positive}");
            Close(a.Tanh(), ga.Tanh(), transcendental, $"tanh of {t.A}");
            Close(a.Sigmoid(), ga.Sigmoid(), transcendental, $"sigmoid of {t.A}");
        });

    [Fact]
    public void ReductionsSoftmaxAndMatMulAgree() => Run(
        from x in TensorGen.Case(4, 40, TensorGen.RealOrTies, minRank: 1)
        from axis in Gen.Choose(-x.Shape.Length, x.Shape.Length - 1)
        from keepDims in Gen.Elements(false, true)
        from n in Gen.Choose(1, 4)
        from w in TensorGen.Case([x.Shape[^1], n], TensorGen.Real)
        select (x, axis, keepDims, w),
        t =>
        {
            var (x, gx) = (t.x.Make<float>(Cpu), t.x.Make<float>(Gpu));
            string of = $"along axis {t.axis} of {t.x}";
            int a = t.axis < 0 ? t.axis + t.x.Shape.Length : t.axis, count = t.x.Shape[a];
            var sumTolerance = x.Abs().Sum(t.axis, t.keepDims).ToArray().Select(s => 2 * count * U * s).ToArray();
            Close(x.Sum(t.axis, t.keepDims), gx.Sum(t.axis, t.keepDims), (i, _) => sumTolerance[i] + float.Epsilon, $"sum {of}");
            Close(x.Mean(t.axis, t.keepDims), gx.Mean(t.axis, t.keepDims), (i, g) => sumTolerance[i] / count + 2 * U * Math.Abs(g) + float.Epsilon, $"mean {of}");
            Same(x.Max(t.axis, t.keepDims), gx.Max(t.axis, t.keepDims), $"max {of}");
            Same(x.Min(t.axis, t.keepDims), gx.Min(t.axis, t.keepDims), $"min {of}");
            Same(x.ArgMax(t.axis, t.keepDims), gx.ArgMax(t.axis, t.keepDims), $"argmax {of}");
            Close(x.Softmax(t.axis), gx.Softmax(t.axis), (_, _) => 1e-6, $"softmax {of}");
            // matmul over the last axis: (…, k) @ (k, n)
            var (w, gw) = (t.w.Make<float>(Cpu), t.w.Make<float>(Gpu));
            int k = t.x.Shape[^1];
            var scale = x.Abs().MatMul(w.Abs()).ToArray();
            Close(x.MatMul(w), gx.MatMul(gw), (i, _) => k * 1e-6 * scale[i] + float.Epsilon, $"matmul of {t.x} and {t.w}");
        });

    [Fact]
    public void IndexingAgrees() => Run(
        from x in TensorGen.Case(3, 40, TensorGen.Real, minRank: 1)
        from axis in Gen.Choose(0, x.Shape.Length - 1)
        from indexShape in TensorGen.Shape(2, 6)
        from index in TensorGen.Case(indexShape, Gen.Choose(-x.Shape[axis], x.Shape[axis] - 1).Select(i => (double)i))
        select (x, axis, index),
        t =>
        {
            var (x, gx) = (t.x.Make<float>(Cpu), t.x.Make<float>(Gpu));
            Same(x.Take(t.index.Make<int>(Cpu), t.axis), gx.Take(t.index.Make<int>(Gpu), t.axis), $"take(axis {t.axis}) of {t.x} at {t.index}");
        }, cases: 15);

    /// <summary>A two-layer perceptron's forward pass, start to finish on each device.</summary>
    [Fact]
    public void AForwardPassAgrees()
    {
        var random = new Random(20240613);
        float[] Values(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var (x, w1, b1, w2) = (Values(8 * 5), Values(5 * 6), Values(6), Values(6 * 3));
        Tensor<float> Forward(Device d)
        {
            var h = Tensor.FromArray<float>(x, new Shape(8, 5), d).MatMul(Tensor.FromArray<float>(w1, new Shape(5, 6), d)) + Tensor.FromArray<float>(b1, d);
            return h.Relu().MatMul(Tensor.FromArray<float>(w2, new Shape(6, 3), d)).LogSoftmax();
        }
        Close(Forward(Cpu), Forward(Gpu), (_, g) => 1e-5 * Math.Max(Math.Abs(g), 1), "mlp forward");
    }
}

using DeepSeq.Devices;
using DeepSeq.Kernels;
using Xunit;
using static DeepSeq.Tests.Kernels.ConvCases;

namespace DeepSeq.Tests.Kernels.Gpu;

using Cpu = DeepSeq.Kernels.Cpu;

/// <summary>
/// The ILGPU convolution and pooling kernels, launched through <see cref="IlgpuDevice"/> on ILGPU's CPU accelerator,
/// against their CPU twins on tiny random geometries (integer values: every sum exact in any order).
/// </summary>
public sealed class Conv2DTests
{
    private static Device Gpu => IlgpuDevice.CpuSimulator;

    [Fact]
    public void TheThreePassesMatchTheCpuTwin()
    {
        for (int seed = 0; seed < 10; seed++)
        {
            var rng = new Random(seed);
            var g = Geometry(rng, maxSide: 5);
            float[] x = Values<float>(rng, g.InputSize), w = Values<float>(rng, g.KernelSize);
            float[] dy = Values<float>(rng, g.OutputSize);
            float[] y = new float[g.OutputSize], dx = new float[g.InputSize], dw = new float[g.KernelSize];
            Cpu.Conv2D.Forward(y, x, w, g);
            Cpu.Conv2D.InputGradient(dx, dy, w, g);
            Cpu.Conv2D.WeightGradient(dw, x, dy, g);
            Assert.Equal(y, Run(g.OutputSize, x, w, (o, a, b) => Gpu.Conv2D(o, a, b, g)));
            Assert.Equal(dx, Run(g.InputSize, dy, w, (o, a, b) => Gpu.Conv2DInputGradient(o, a, b, g)));
            Assert.Equal(dw, Run(g.KernelSize, x, dy, (o, a, b) => Gpu.Conv2DWeightGradient(o, a, b, g)));
        }
    }

    /// <summary>Uploads the inputs, runs <paramref name="launch"/> into a fresh output of n elements, downloads it.
    /// </summary>
    internal static float[] Run(long n, float[] a, float[] b, Action<Storage<float>, Storage<float>, Storage<float>> launch)
    {
        var output = Gpu.Allocate<float>((int)n, zeroed: false);
        launch(output, Gpu.Upload<float>(a), Gpu.Upload<float>(b));
        var result = new float[n];
        Gpu.Download(output, 0, result);
        return result;
    }
}

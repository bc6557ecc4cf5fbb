using DeepSeq.Devices;
using Xunit;
using static DeepSeq.Tests.Kernels.ConvCases;

namespace DeepSeq.Tests.Kernels.Gpu;

using Cpu = DeepSeq.Kernels.Cpu;

/// <summary>
/// The ILGPU pooling kernels through <see cref="IlgpuDevice"/> against their CPU twins on tiny random geometries;
/// ties included (the values are few integers), so the first-maximum rule is compared too.
/// </summary>
public sealed class Pool2DTests
{
    private static Device Gpu => IlgpuDevice.CpuSimulator;

    [Fact]
    public void MaxAndAverageMatchTheCpuTwin()
    {
        for (int seed = 0; seed < 10; seed++)
        {
            var rng = new Random(seed);
            var g = Geometry(rng, pooling: true, maxSide: 5);
            float[] x = Values<float>(rng, g.InputSize), dy = Values<float>(rng, g.OutputSize);
            float[] y = new float[g.OutputSize], dx = new float[g.InputSize];
            Cpu.Pool2D.MaxForward(y, x, g);
            Assert.Equal(y, Conv2DTests.Run(g.OutputSize, x, [], (o, a, _) => Gpu.MaxPool2D(o, a, g)));
            Cpu.Pool2D.MaxBackward(dx, dy, x, g);
            Assert.Equal(dx, Conv2DTests.Run(g.InputSize, dy, x, (o, a, b) => Gpu.MaxPool2DBackward(o, a, b, g)));
            Cpu.Pool2D.AverageForward(y, x, g);
            Assert.Equal(y, Conv2DTests.Run(g.OutputSize, x, [], (o, a, _) => Gpu.AvgPool2D(o, a, g)), Close);
            Cpu.Pool2D.AverageBackward(dx, dy, g);
            Assert.Equal(dx, Conv2DTests.Run(g.InputSize, dy, [], (o, a, _) => Gpu.AvgPool2DBackward(o, a, g)), Close);
        }
    }

    // Averages divide, and the two sides add the quotients in different orders.
    private static IEqualityComparer<float> Close { get; } = new Tolerance();

    private sealed class Tolerance : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= 1e-5f * Math.Max(1, Math.Abs(a));
        public int GetHashCode(float value) => 0;
    }
}

using System.Numerics;
using ILGPU;
using ILGPU.Runtime;
using Xunit;

namespace DeepSeq.Tests.Kernels.Gpu;

// After the namespace line, so that these win over the test folders DeepSeq.Tests.Kernels.Cpu and .Gpu.
using Cpu = DeepSeq.Kernels.Cpu;
using Gpu = DeepSeq.Kernels.Gpu;

/// <summary>The ILGPU random fills on ILGPU's CPU accelerator against their CPU twins, bit for bit.</summary>
public sealed class RandomFillTests
{
    [Fact]
    public void IlgpuKernelsAreBitIdenticalToTheCpuFloat() => CheckDevicesAgree<float>();

    [Fact]
    public void IlgpuKernelsAreBitIdenticalToTheCpuDouble() => CheckDevicesAgree<double>();

    private static void CheckDevicesAgree<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        // 1003 elements: not a multiple of E, ~45 truncated-normal re-draws; the offset crosses 2^32 inside the draw.
        const int n = 1003;
        const ulong seed = 0x0123_4567_89AB_CDEF, offset = 0xFFFF_FFFFul - 100;
        var accelerator = IlgpuSimulator.Simulator;
        using var buffer = accelerator.Allocate1D<T>(n);
        T a = T.CreateChecked(-0.5), b = T.CreateChecked(1.5), p = T.CreateChecked(0.25);

        var uniform = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ulong, ulong, T, T>(Gpu.RandomFill.Uniform);
        uniform(n, buffer.View, seed, offset, a, b);
        Assert.Equal(OnCpu(x => Cpu.RandomFill.Uniform(x, seed, offset, a, b)), buffer.GetAsArray1D());

        var normal = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ulong, ulong, T, T>(Gpu.RandomFill.Normal);
        normal(n, buffer.View, seed, offset, a, b);
        Assert.Equal(OnCpu(x => Cpu.RandomFill.Normal(x, seed, offset, a, b)), buffer.GetAsArray1D());

        var truncated = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ulong, ulong, T, T>(Gpu.RandomFill.TruncatedNormal);
        truncated(n, buffer.View, seed, offset, a, b);
        Assert.Equal(OnCpu(x => Cpu.RandomFill.TruncatedNormal(x, seed, offset, a, b)), buffer.GetAsArray1D());

        var bernoulli = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ulong, ulong, T>(Gpu.RandomFill.Bernoulli);
        bernoulli(n, buffer.View, seed, offset, p);
        Assert.Equal(OnCpu(x => Cpu.RandomFill.Bernoulli(x, seed, offset, p)), buffer.GetAsArray1D());

        static T[] OnCpu(Action<T[]> fill)
        {
            var x = new T[n];
            fill(x);
            return x;
        }
    }

    [Fact]
    public void IlgpuKernelIgnoresIndicesPastTheView()
    {
        // An over-sized launch must not write out of range (on the CPU accelerator that would kill the test process).
        var accelerator = IlgpuSimulator.Simulator;
        using var buffer = accelerator.Allocate1D<float>(10);
        buffer.MemSetToZero();
        var uniform = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ulong, ulong, float, float>(Gpu.RandomFill.Uniform);
        uniform(64, buffer.View.SubView(0, 6), 1, 0, 5f, 6f);
        float[] result = buffer.GetAsArray1D();
        Assert.All(result[..6], e => Assert.InRange(e, 5f, 6f));
        Assert.All(result[6..], e => Assert.Equal(0f, e));
    }
}

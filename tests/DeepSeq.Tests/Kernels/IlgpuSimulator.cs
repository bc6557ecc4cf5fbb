using DeepSeq.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace DeepSeq.Tests.Kernels;

/// <summary>
/// ILGPU's CPU accelerator for the GPU kernel tests: the one <see cref="IlgpuDevice.CpuSimulator"/> holds, since
/// ILGPU wants one context and accelerator per process. It runs a kernel with GPU semantics (one thread per
/// element, groups, warps) on the host, slowly: tests launch it on tiny shapes only.
/// </summary>
internal static class IlgpuSimulator
{
    /// <summary>The shared accelerator.</summary>
    public static Accelerator Simulator => IlgpuDevice.CpuSimulator.Accelerator;

    /// <summary>A device copy of <paramref name="data"/>; the caller disposes it.</summary>
    public static MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(T[] data) where T : unmanaged => Simulator.Allocate1D(data);

    /// <summary>Waits for the launched kernels and copies <paramref name="buffer"/> back.</summary>
    public static T[] Download<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer) where T : unmanaged
    {
        Simulator.Synchronize();
        return buffer.GetAsArray1D();
    }
}

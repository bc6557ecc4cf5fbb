// dst[i] = F(philox(counter = offset + i / E, key = seed)[slot of i])      dst: (n)   E = 4 (float) or 2 (double)
//
// ILGPU twins of Cpu/RandomFill.cs: same names, same parameters (output first), and the same element
// functions from RandomNumbers/RandomStream.cs. One thread per element; each thread computes the Philox block
// of its element (so the E threads that share a block each compute it: 10 rounds of integer multiplies,
// cheap next to the global-memory write, and no thread has to wait for another).
//
// Device agreement: uniform and bernoulli use only exact conversions and one fma, so they are
// bit-identical on every IEEE device. Normal and truncated normal also call log, sin and cos: identical on
// ILGPU's CPU accelerator (tested), but a GPU's math library may differ from .NET's in the last bits.

using System.Numerics;
using DeepSeq.Kernels.RandomNumbers;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>
/// Counter-based random fills on an ILGPU accelerator; the numbers equal <see cref="Cpu.RandomFill"/>'s.
/// Load with, for example,
/// <c>accelerator.LoadAutoGroupedStreamKernel&lt;Index1D, ArrayView&lt;float&gt;, ulong, ulong, float,
/// float&gt;(RandomFill.Uniform)</c> and launch with extent <c>dst.Length</c>.
/// </summary>
/// <remarks>
/// <c>T</c> is <see cref="float"/> or <see cref="double"/> (the launcher checks; a kernel cannot throw).
/// Every kernel ignores indices at or past <c>dst.Length</c>, so an over-sized launch is harmless.
/// </remarks>
public static class RandomFill
{
    /// <summary>dst[i] ~ U[low, high) (see <see cref="Cpu.RandomFill.Uniform{T}"/>).</summary>
    public static void Uniform<T>(Index1D i, ArrayView<T> dst, ulong seed, ulong offset, T low, T high)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (i >= dst.Length) return;
        dst[i] = RandomStream.Uniform(seed, offset, i, low, high);
    }

    /// <summary>dst[i] ~ N(mean, std²) (see <see cref="Cpu.RandomFill.Normal{T}"/>).</summary>
    public static void Normal<T>(Index1D i, ArrayView<T> dst, ulong seed, ulong offset, T mean, T std)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (i >= dst.Length) return;
        dst[i] = RandomStream.Normal(seed, offset, i, mean, std);
    }

    /// <summary>
    /// dst[i] ~ N(mean, std²) re-drawn beyond 2·std (see <see cref="Cpu.RandomFill.TruncatedNormal{T}"/>).
    /// </summary>
    public static void TruncatedNormal<T>(Index1D i, ArrayView<T> dst, ulong seed, ulong offset, T mean, T std)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (i >= dst.Length) return;
        dst[i] = RandomStream.TruncatedNormal(seed, offset, i, mean, std);
    }

    /// <summary>dst[i] = 1 with probability p, else 0 (see <see cref="Cpu.RandomFill.Bernoulli{T}"/>).</summary>
    public static void Bernoulli<T>(Index1D i, ArrayView<T> dst, ulong seed, ulong offset, T p)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (i >= dst.Length) return;
        dst[i] = RandomStream.Bernoulli(seed, offset, i, p);
    }
}

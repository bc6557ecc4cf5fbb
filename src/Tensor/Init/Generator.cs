// A generator is a seed plus a position in the counter stream:
//
//   draw k uses blocks [offset_k, offset_k + BlocksFor<T>(n_k)),   offset_{k+1} = offset_k + BlocksFor<T>(n_k)
//
// so consecutive draws never share a Philox counter (independent numbers), and a new Generator with the same
// seed walks the same sequence of offsets (the whole run reproduces). The numbers themselves come from
// DeepSeq.Kernels.RandomNumbers.RandomStream; the mapping is documented there.

using System.Numerics;
using DeepSeq.Kernels.Cpu;

namespace DeepSeq;

/// <summary>
/// A seeded source of random numbers: a seed and a running offset (counter blocks consumed so far).
/// Every draw takes the next unused blocks, so successive draws differ, and two generators built with the
/// same seed produce the same sequence of draws. PyTorch <c>torch.Generator</c>; Keras <c>SeedGenerator</c>.
/// </summary>
/// <remarks>
/// <para>Not thread-safe: two threads drawing at once may receive the same offset. Give each thread its own
/// generator (different seeds), or lock around it.</para>
/// <para>Tensors are drawn on the host and then copied to their device (see <c>Tensor.RandomUniform</c>).
/// The stream is also implemented as ILGPU kernels (<c>DeepSeq.Kernels.Gpu.RandomFill</c>, tested
/// bit-identical): a device draw would take its offset with <see cref="Reserve{T}"/> and launch them.</para>
/// </remarks>
/// <param name="seed">the Philox key; any value, 0 included</param>
public sealed class Generator(ulong seed)
{
    /// <summary>The seed this generator was built with.</summary>
    public ulong Seed { get; } = seed;

    /// <summary>Counter blocks consumed so far: the offset the next draw will start at.</summary>
    public ulong Offset { get; private set; }

    /// <summary>
    /// Claims the blocks for a draw of <paramref name="count"/> elements of <typeparamref name="T"/> and returns
    /// the offset to draw them at (the current <see cref="Offset"/>, which then moves past them).
    /// </summary>
    public ulong Reserve<T>(long count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ulong offset = Offset;
        Offset = checked(offset + RandomFill.BlocksFor<T>(count));
        return offset;
    }

    /// <summary>dst[i] ~ U[low, high) (<see cref="RandomFill.Uniform{T}"/> at the next offset).</summary>
    public void Uniform<T>(Span<T> dst, T low, T high) where T : unmanaged, IFloatingPointIeee754<T>
        => RandomFill.Uniform(dst, Seed, Reserve<T>(dst.Length), low, high);

    /// <summary>dst[i] ~ N(mean, std²) (<see cref="RandomFill.Normal{T}"/> at the next offset).</summary>
    public void Normal<T>(Span<T> dst, T mean, T std) where T : unmanaged, IFloatingPointIeee754<T>
        => RandomFill.Normal(dst, Seed, Reserve<T>(dst.Length), mean, std);

    /// <summary>dst[i] ~ N(mean, std²) re-drawn beyond 2·std
    /// (<see cref="RandomFill.TruncatedNormal{T}"/> at the next offset).</summary>
    public void TruncatedNormal<T>(Span<T> dst, T mean, T std) where T : unmanaged, IFloatingPointIeee754<T>
        => RandomFill.TruncatedNormal(dst, Seed, Reserve<T>(dst.Length), mean, std);

    /// <summary>dst[i] = 1 with probability p, else 0
    /// (<see cref="RandomFill.Bernoulli{T}"/> at the next offset).</summary>
    public void Bernoulli<T>(Span<T> dst, T p) where T : unmanaged, IFloatingPointIeee754<T>
        => RandomFill.Bernoulli(dst, Seed, Reserve<T>(dst.Length), p);
}

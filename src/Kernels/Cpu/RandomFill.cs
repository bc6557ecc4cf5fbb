// dst[i] = F(philox(counter = offset + i / E, key = seed)[slot of i])      dst: (n)   E = 4 (float) or 2 (double)
//
//   Uniform          dst[i] = fma(high − low, u_i, low)          u_i ∈ [0, 1)
//   Normal           dst[i] = fma(std, z_i, mean)                z_i ~ N(0, 1), Box–Muller
//   TruncatedNormal  dst[i] = fma(std, z_i, mean)                z_i ~ N(0, 1) re-drawn while |z_i| > 2
//   Bernoulli        dst[i] = u_i < p ? 1 : 0
//
// The whole mapping (which words, which conversions) is written out once in RandomNumbers/RandomStream.cs;
// these loops only walk it block by block, computing each Philox block once for its E elements where a
// GPU thread recomputes it per element. Same functions, same operations: the same numbers as
// Gpu/RandomFill.cs.

using System.Numerics;
using DeepSeq.Kernels.RandomNumbers;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// Fills a span with counter-based random numbers (Philox4x32-10). Element <c>i</c> depends only on
/// (seed, offset, i): re-running a fill reproduces it, and a fill of the first k elements equals the first
/// k elements of a longer fill. To get fresh numbers, advance <c>offset</c> by <see cref="BlocksFor{T}"/>
/// of the previous draw (that is what <c>DeepSeq.Generator</c> does).
/// </summary>
/// <remarks>
/// <c>T</c> is <see cref="float"/> or <see cref="double"/>; anything else throws
/// <see cref="NotSupportedException"/>. A float fill and a double fill with the same seed and offset give
/// different numbers (a double element reads two 32-bit words, a float one).
/// Single-threaded: one Philox block costs about 10 ns, a float uniform about 4 ns and a float normal about 15 ns
/// per element on one core, which is small next to whatever consumes the numbers.
/// </remarks>
public static class RandomFill
{
    /// <summary>
    /// Counter blocks a draw of <paramref name="count"/> elements consumes: ⌈count / 4⌉ for float, ⌈count / 2⌉ for
    /// double. The next independent draw starts at <c>offset + BlocksFor&lt;T&gt;(count)</c>.
    /// </summary>
    public static ulong BlocksFor<T>(long count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckType<T>();
        return RandomStream.BlocksFor<T>(count);
    }

    /// <summary>
    /// dst[i] ~ U[low, high): Keras <c>RandomUniform(minval, maxval)</c>, PyTorch <c>uniform_(a, b)</c>.
    /// </summary>
    /// <param name="dst">the output, n elements</param>
    /// <param name="seed">the key; the same seed and offset reproduce the same numbers</param>
    /// <param name="offset">the first counter block of this draw</param>
    /// <param name="low">inclusive lower bound</param>
    /// <param name="high">exclusive upper bound (reachable only through rounding of fma(high − low, u, low))</param>
    public static void Uniform<T>(Span<T> dst, ulong seed, ulong offset, T low, T high)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Fill(dst, seed, offset, new UniformDraw<T>(low, high));

    /// <summary>
    /// dst[i] ~ N(mean, std²) by Box–Muller: Keras <c>RandomNormal(mean, stddev)</c>, PyTorch <c>normal_(mean,
    /// std)</c>.
    /// </summary>
    /// <param name="dst">the output, n elements</param>
    /// <param name="seed">the key</param>
    /// <param name="offset">the first counter block of this draw</param>
    /// <param name="mean">the mean</param>
    /// <param name="std">the standard deviation</param>
    /// <remarks>|z| never exceeds about 5.8 for float (u°₁ ≥ 2^-24) and 8.6 for double: a tail of probability ~10^-8
    /// that is cut.</remarks>
    public static void Normal<T>(Span<T> dst, ulong seed, ulong offset, T mean, T std)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Fill(dst, seed, offset, new NormalDraw<T>(mean, std));

    /// <summary>
    /// dst[i] ~ N(mean, std²) restricted to [mean − 2·std, mean + 2·std], by re-drawing: Keras
    /// <c>TruncatedNormal(mean, stddev)</c> ("values more than two standard deviations from the mean are
    /// discarded and re-drawn"). Note that the spread of the result is 0.8796·std, not std.
    /// </summary>
    /// <param name="dst">the output, n elements</param>
    /// <param name="seed">the key</param>
    /// <param name="offset">the first counter block of this draw; re-draws use other lanes of the same blocks, no extra
    /// blocks</param>
    /// <param name="mean">the mean</param>
    /// <param name="std">the standard deviation of the normal before truncation</param>
    public static void TruncatedNormal<T>(Span<T> dst, ulong seed, ulong offset, T mean, T std)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Fill(dst, seed, offset, new TruncatedNormalDraw<T>(seed, mean, std));

    /// <summary>
    /// dst[i] = 1 with probability p, else 0: a dropout keep-mask (Keras <c>Dropout</c> keeps with p = 1 − rate),
    /// PyTorch <c>bernoulli_(p)</c>.
    /// </summary>
    /// <param name="dst">the output, n elements, each 0 or 1</param>
    /// <param name="seed">the key</param>
    /// <param name="offset">the first counter block of this draw</param>
    /// <param name="p">probability of a 1; p ≤ 0 gives all zeros, p ≥ 1 all ones</param>
    public static void Bernoulli<T>(Span<T> dst, ulong seed, ulong offset, T p)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Fill(dst, seed, offset, new BernoulliDraw<T>(p));

    // One block of Philox output feeds ElementsPerBlock<T>() consecutive elements; the draw struct
    // turns (block bits, slot) into one number. Structs, so the JIT inlines each distribution.
    private static void Fill<T, TDraw>(Span<T> dst, ulong seed, ulong offset, TDraw draw)
        where T : unmanaged, IFloatingPointIeee754<T> where TDraw : struct, IDraw<T>
    {
        CheckType<T>();
        int perBlock = RandomStream.ElementsPerBlock<T>();
        for (int start = 0; start < dst.Length; start += perBlock)
        {
            ulong block = offset + (ulong)(start / perBlock);
            Philox4x32.Block bits = RandomStream.Block(seed, block, 0u);
            int end = Math.Min(start + perBlock, dst.Length);
            for (int i = start; i < end; i++)
                dst[i] = draw.From(bits, block, i - start);
        }
    }

    private interface IDraw<T> { T From(Philox4x32.Block bits, ulong block, int slot); }

    private readonly struct UniformDraw<T>(T low, T high) : IDraw<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T From(Philox4x32.Block bits, ulong block, int slot) => RandomStream.UniformFrom(bits, slot, low, high);
    }

    private readonly struct NormalDraw<T>(T mean, T std) : IDraw<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T From(Philox4x32.Block bits, ulong block, int slot) => RandomStream.NormalFrom(bits, slot, mean, std);
    }

    private readonly struct TruncatedNormalDraw<T>(ulong seed, T mean, T std) : IDraw<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T From(Philox4x32.Block bits, ulong block, int slot)
            => RandomStream.TruncatedNormalFrom(seed, block, bits, slot, mean, std);
    }

    private readonly struct BernoulliDraw<T>(T p) : IDraw<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T From(Philox4x32.Block bits, ulong block, int slot) => RandomStream.BernoulliFrom(bits, slot, p);
    }

    // RandomStream tells float from double by size; a Half or a custom 4-byte type would be misread.
    private static void CheckType<T>()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"Random fills support float and double, not {typeof(T).Name}.");
    }
}

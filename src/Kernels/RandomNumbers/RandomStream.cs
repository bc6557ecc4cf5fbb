// The one mapping from (seed, offset, element index) to random numbers, shared by the CPU loops in
// Cpu/RandomFill.cs and the ILGPU kernels in Gpu/RandomFill.cs. Both call the functions below,
// so a tensor filled on either device holds the same numbers.
//
//   key      = (lo32(seed), hi32(seed))
//   counter  = (lo32(c), hi32(c), lane, 0)          c = offset + element / E,  slot = element mod E
//   words    = Philox4x32-10(counter, key)           4 × 32 random bits per counter value ("block")
//
//   E (elements per block) depends only on T:  float: E = 4, one 32-bit word per element
//                                              double: E = 2, two 32-bit words per element
//   so a draw of n elements consumes BlocksFor<T>(n) = ⌈n / E⌉ blocks, and the next draw starts at
//   offset + BlocksFor<T>(n). Draws whose block ranges [offset, offset + blocks) do not overlap use
//   disjoint counters, hence independent numbers. lane = 0 for every draw; only the re-draws of the
//   truncated normal use lanes 1, 2, … (attempt j of an element reads lane j of the same block).
//
//   standard uniform u ∈ [0, 1)     float:  (w >> 8) · 2^-24                       (24 bits, exact)
//                                   double: ((w_a >> 5) · 2^26 + (w_b >> 6)) · 2^-53  (53 bits, exact)
//   open uniform  u° ∈ (0, 1)       float:  ((w >> 9) + ½) · 2^-23                  (never 0: log-safe)
//                                   double: ((w_a >> 6) · 2^26 + (w_b >> 6) + ½) · 2^-52
//   uniform(low, high)              fma(high − low, u, low)
//   normal(mean, std)               Box–Muller on a pair (u°₁, u₂):  r = √(−2 ln u°₁), θ = 2π u₂,
//                                   even slot → r cos θ, odd slot → r sin θ;   value = fma(std, z, mean)
//                                   float: slots (0,1) share words (0,1), slots (2,3) share words (2,3)
//                                   double: slots (0,1) share u°₁ from words (0,1) and u₂ from words (2,3)
//   truncated normal(mean, std)     z as above, re-drawn from lane 1, 2, … while |z| > 2 (Keras: values more
//                                   than two standard deviations away are re-drawn); after 16 attempts
//                                   (probability 0.0455^16 ≈ 3·10^-22) the last z is clamped to [−2, 2]
//   bernoulli(p)                    u < p ? 1 : 0
//
// Why fma in the affine step: ILGPU emits `mul.f32`/`add.f32` without a rounding suffix, and ptxas may
// fuse such a pair into one fma; the .NET JIT never fuses. Writing the fma ourselves makes both devices
// round once, the same way, so uniform and bernoulli are bit-identical everywhere. The normal goes through
// log, sin and cos, whose last bit is up to each device's math library.

using System.Numerics;
using System.Runtime.CompilerServices;
using ILGPU;

// Not `DeepSeq.Kernels.Random`: a namespace with that name would hide System.Random from every file
// under DeepSeq.Kernels.
namespace DeepSeq.Kernels.RandomNumbers;

/// <summary>
/// DeepSeq's counter-based random stream: element <c>i</c> of a draw with a given seed and block
/// offset is a pure function of (seed, offset, i), computed identically by the CPU and the GPU kernels.
/// The mapping is written out at the top of this file.
/// </summary>
/// <remarks>
/// <c>T</c> must be <see cref="float"/> or <see cref="double"/>. The functions tell the two
/// apart by <see cref="Interop.SizeOf{T}()"/> (a constant once compiled) and reinterpret with
/// <see cref="Unsafe.As{TFrom, TTo}(ref TFrom)"/>, because ILGPU cannot compile <c>typeof(T)</c> or
/// <c>T.CreateTruncating</c>. The entry points in <c>Cpu.RandomFill</c> check the type.
/// The small functions are marked for inlining because the CPU loop calls them once per element (it makes a float
/// uniform fill about 1.5× faster); ILGPU inlines kernels on its own.
/// </remarks>
public static class RandomStream
{
    /// <summary>How many times the truncated normal re-draws one element before it clamps.</summary>
    public const int TruncatedNormalMaxAttempts = 16;

    /// <summary>Elements of <typeparamref name="T"/> one Philox block yields: 4 floats or 2 doubles.</summary>
    public static int ElementsPerBlock<T>() where T : unmanaged
        => Interop.SizeOf<T>() == sizeof(float) ? 4 : 2;

    /// <summary>
    /// Counter blocks consumed by a draw of <paramref name="count"/> elements of <typeparamref name="T"/>:
    /// ⌈count / <see cref="ElementsPerBlock{T}"/>⌉. Advance a generator's offset by this much after each draw.
    /// </summary>
    public static ulong BlocksFor<T>(long count) where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ulong perBlock = (ulong)ElementsPerBlock<T>();
        return ((ulong)count + perBlock - 1) / perBlock;
    }

    /// <summary>
    /// The 128 random bits of counter block <paramref name="block"/>, lane <paramref name="lane"/>, under
    /// <paramref name="seed"/>.
    /// </summary>
    /// <param name="seed">the key: (lo32(seed), hi32(seed))</param>
    /// <param name="block">counter words 0 and 1: (lo32(block), hi32(block))</param>
    /// <param name="lane">counter word 2: 0, or the attempt number of a truncated-normal re-draw</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Philox4x32.Block Block(ulong seed, ulong block, uint lane)
        => Philox4x32.Compute(new Philox4x32.Block((uint)block, (uint)(block >> 32), lane, 0u), (uint)seed,
            (uint)(seed >> 32));

    // ---- words → numbers in [0, 1). Every operation here is exact, so every device agrees. ----

    /// <summary>
    /// u = (w &gt;&gt; 8) · 2^-24 ∈ [0, 1): the 24 high bits of one word, all a float's significand holds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float UnitFloat(uint w) => (w >> 8) * (1.0f / 16777216.0f);

    /// <summary>
    /// u = ((a &gt;&gt; 5) · 2^26 + (b &gt;&gt; 6)) · 2^-53 ∈ [0, 1): 27 + 26 = 53 bits from two words.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double UnitDouble(uint a, uint b) => ((a >> 5) * 67108864.0 + (b >> 6)) * (1.0 / 9007199254740992.0);

    /// <summary>
    /// u° = ((w &gt;&gt; 9) + ½) · 2^-23 ∈ [2^-24, 1 − 2^-24]: the centres of 2^23 equal cells, so never 0 (and ln u°
    /// is finite). 23 bits, not 24, so that k + ½ still fits a float's 24-bit significand exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float OpenUnitFloat(uint w) => ((w >> 9) + 0.5f) * (1.0f / 8388608.0f);

    /// <summary>
    /// u° = ((a &gt;&gt; 6) · 2^26 + (b &gt;&gt; 6) + ½) · 2^-52 ∈ (0, 1): 52 bits plus the half, exact in a double.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OpenUnitDouble(uint a, uint b)
        => ((a >> 6) * 67108864.0 + (b >> 6) + 0.5) * (1.0 / 4503599627370496.0);

    // ---- slot functions: one element's number from its block. ----

    /// <summary>
    /// Standard uniform [0, 1) for <paramref name="slot"/> of a block (float: word slot; double: words 2·slot,
    /// 2·slot+1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T StandardUniform<T>(Philox4x32.Block bits, int slot) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Interop.SizeOf<T>() == sizeof(float))
        {
            float u = UnitFloat(bits.Word(slot));
            return Unsafe.As<float, T>(ref u);
        }
        double d = UnitDouble(bits.Word(2 * slot), bits.Word(2 * slot + 1));
        return Unsafe.As<double, T>(ref d);
    }

    /// <summary>
    /// Standard normal for <paramref name="slot"/> of a block, by Box–Muller: z = √(−2 ln u°₁) · (cos or sin)(2π u₂).
    /// The two slots of a pair read the same (u°₁, u₂) and take the cosine and the sine: two independent normals.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T StandardNormal<T>(Philox4x32.Block bits, int slot) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T u1, u2;
        if (Interop.SizeOf<T>() == sizeof(float))
        {
            int pair = slot & ~1; // words (0,1) for slots 0 and 1, words (2,3) for slots 2 and 3
            float a = OpenUnitFloat(bits.Word(pair));
            float b = UnitFloat(bits.Word(pair + 1));
            u1 = Unsafe.As<float, T>(ref a);
            u2 = Unsafe.As<float, T>(ref b);
        }
        else
        {
            double a = OpenUnitDouble(bits.X0, bits.X1);
            double b = UnitDouble(bits.X2, bits.X3);
            u1 = Unsafe.As<double, T>(ref a);
            u2 = Unsafe.As<double, T>(ref b);
        }
        T two = T.One + T.One;
        T r = T.Sqrt(-two * T.Log(u1));
        T theta = T.Tau * u2;
        return (slot & 1) == 0 ? r * T.Cos(theta) : r * T.Sin(theta);
    }

    // ---- element functions: what one GPU thread computes, and what the CPU loop must equal. ----

    /// <summary>Which counter block and which slot in it element <paramref name="index"/> of a draw reads.</summary>
    public static void Locate<T>(ulong offset, long index, out ulong block, out int slot) where T : unmanaged
    {
        // E is 4 or 2, so the division and remainder are a shift and a mask.
        int shift = Interop.SizeOf<T>() == sizeof(float) ? 2 : 1;
        block = offset + (ulong)(index >> shift);
        slot = (int)(index & ((1L << shift) - 1));
    }

    /// <summary>
    /// x = fma(high − low, u, low), u ∈ [0, 1): uniform on [low, high) (high itself only through rounding).
    /// </summary>
    public static T Uniform<T>(ulong seed, ulong offset, long index, T low, T high)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Locate<T>(offset, index, out ulong block, out int slot);
        return UniformFrom(Block(seed, block, 0u), slot, low, high);
    }

    /// <summary>x = fma(std, z, mean), z standard normal by Box–Muller.</summary>
    public static T Normal<T>(ulong seed, ulong offset, long index, T mean, T std)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Locate<T>(offset, index, out ulong block, out int slot);
        return NormalFrom(Block(seed, block, 0u), slot, mean, std);
    }

    /// <summary>
    /// x = fma(std, z, mean), z standard normal conditioned on |z| ≤ 2: attempt j reads lane j of the element's block;
    /// after <see cref="TruncatedNormalMaxAttempts"/> rejections the last z is clamped to [−2, 2].
    /// </summary>
    public static T TruncatedNormal<T>(ulong seed, ulong offset, long index, T mean, T std)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Locate<T>(offset, index, out ulong block, out int slot);
        return TruncatedNormalFrom(seed, block, Block(seed, block, 0u), slot, mean, std);
    }

    /// <summary>x = u &lt; p ? 1 : 0, u ∈ [0, 1): 1 with probability p (p ≤ 0 never, p ≥ 1 always).</summary>
    public static T Bernoulli<T>(ulong seed, ulong offset, long index, T p)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Locate<T>(offset, index, out ulong block, out int slot);
        return BernoulliFrom(Block(seed, block, 0u), slot, p);
    }

    // ---- the same, given the element's lane-0 block: the CPU loop computes a block once per E elements. ----

    /// <summary><see cref="Uniform{T}"/> from the element's block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T UniformFrom<T>(Philox4x32.Block bits, int slot, T low, T high)
        where T : unmanaged, IFloatingPointIeee754<T>
        => T.FusedMultiplyAdd(high - low, StandardUniform<T>(bits, slot), low);

    /// <summary><see cref="Normal{T}"/> from the element's block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T NormalFrom<T>(Philox4x32.Block bits, int slot, T mean, T std)
        where T : unmanaged, IFloatingPointIeee754<T>
        => T.FusedMultiplyAdd(std, StandardNormal<T>(bits, slot), mean);

    /// <summary>
    /// <see cref="TruncatedNormal{T}"/> from the element's lane-0 block (later lanes are computed on demand).
    /// </summary>
    public static T TruncatedNormalFrom<T>(ulong seed, ulong block, Philox4x32.Block lane0, int slot, T mean, T std)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T two = T.One + T.One;
        T z = StandardNormal<T>(lane0, slot);
        for (uint attempt = 1; attempt < TruncatedNormalMaxAttempts && T.Abs(z) > two; attempt++)
            z = StandardNormal<T>(Block(seed, block, attempt), slot);
        // The documented fallback; reached with probability ≈ 3·10^-22 per element.
        if (z > two) z = two;
        if (z < -two) z = -two;
        return T.FusedMultiplyAdd(std, z, mean);
    }

    /// <summary><see cref="Bernoulli{T}"/> from the element's block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T BernoulliFrom<T>(Philox4x32.Block bits, int slot, T p) where T : unmanaged, IFloatingPointIeee754<T>
        => StandardUniform<T>(bits, slot) < p ? T.One : T.Zero;
}

// Philox4x32-10: a keyed bijection on 128-bit counters (Salmon, Moraes, Dror, Shaw, "Parallel random
// numbers: as easy as 1, 2, 3", SC'11; reference code: Random123, include/Random123/philox.h).
//
//   one round, with (x0, x1, x2, x3) the block and (k0, k1) the round key:
//     hi0:lo0 = M0 · x0          (32×32 → 64-bit product)
//     hi1:lo1 = M1 · x2
//     (x0, x1, x2, x3) ← (hi1 ⊕ x1 ⊕ k0,  lo1,  hi0 ⊕ x3 ⊕ k1,  lo0)
//   between rounds the key is bumped by the Weyl constants: k0 += W0, k1 += W1 (mod 2^32)
//   output = 10 rounds applied to the counter
//
//   M0 = 0xD2511F53, M1 = 0xCD9E8D57, W0 = 0x9E3779B9 (golden ratio), W1 = 0xBB67AE85 (√3 − 1)
//
// A counter-based generator has no state: the n-th random block is philox(counter = n, key = seed).
// That is what lets a GPU thread compute "its" random numbers without talking to any other thread,
// and what lets the CPU compute the very same numbers in a plain loop.

using System.Runtime.CompilerServices;

namespace DeepSeq.Kernels.RandomNumbers;

/// <summary>
/// The Philox4x32-10 counter-based random bijection: a pure function of a 128-bit counter and a
/// 64-bit key that returns 128 random-looking bits. Same input, same output, on every device.
/// </summary>
/// <remarks>
/// Written with plain <see cref="uint"/>/<see cref="ulong"/> arithmetic (no <c>Math.BigMul</c>) so that
/// ILGPU compiles it inside kernels: the 64-bit product of two 32-bit words becomes one
/// <c>mul.wide.u32</c> on a GPU. Checked against Random123's known-answer vectors
/// (<c>tests/kat_vectors</c>, the <c>philox4x32 10</c> lines) in <c>Philox4x32Tests</c>.
/// </remarks>
public static class Philox4x32
{
    /// <summary>Multiplier applied to word 0 (Random123's <c>PHILOX_M4x32_0</c>).</summary>
    public const uint M0 = 0xD2511F53;

    /// <summary>Multiplier applied to word 2 (Random123's <c>PHILOX_M4x32_1</c>).</summary>
    public const uint M1 = 0xCD9E8D57;

    /// <summary>Key bump for key word 0: the golden ratio, 2^32 · (√5 − 1)/2 (<c>PHILOX_W32_0</c>).</summary>
    public const uint W0 = 0x9E3779B9;

    /// <summary>Key bump for key word 1: 2^32 · (√3 − 1) (<c>PHILOX_W32_1</c>).</summary>
    public const uint W1 = 0xBB67AE85;

    /// <summary>
    /// Number of rounds. Random123 recommends 10 (7 already passes BigCrush; 10 is the safety margin).
    /// </summary>
    public const int Rounds = 10;

    /// <summary>
    /// Four 32-bit words: a Philox counter going in, or 128 random bits coming out.
    /// A plain struct of four fields so ILGPU can keep it in registers.
    /// </summary>
    /// <param name="x0">word 0</param>
    /// <param name="x1">word 1</param>
    /// <param name="x2">word 2</param>
    /// <param name="x3">word 3</param>
    public readonly struct Block(uint x0, uint x1, uint x2, uint x3)
    {
        /// <summary>Word 0.</summary>
        public readonly uint X0 = x0;

        /// <summary>Word 1.</summary>
        public readonly uint X1 = x1;

        /// <summary>Word 2.</summary>
        public readonly uint X2 = x2;

        /// <summary>Word 3.</summary>
        public readonly uint X3 = x3;

        /// <summary>
        /// Word <paramref name="index"/> (0..3). A switch, not an array: kernels cannot index a struct.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public uint Word(int index) => index switch
        {
            0 => X0,
            1 => X1,
            2 => X2,
            _ => X3,
        };
    }

    /// <summary>
    /// philox4x32_10(counter, key): ten rounds of the Philox S-box/P-box network.
    /// </summary>
    /// <param name="counter">the 128-bit counter (which random block you want)</param>
    /// <param name="key0">low 32 bits of the key (the seed)</param>
    /// <param name="key1">high 32 bits of the key</param>
    /// <returns>128 random bits</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Block Compute(Block counter, uint key0, uint key1)
    {
        uint x0 = counter.X0, x1 = counter.X1, x2 = counter.X2, x3 = counter.X3;
        uint k0 = key0, k1 = key1;
        for (int round = 0; round < Rounds; round++)
        {
            // Random123 bumps the key before every round but the first.
            if (round > 0)
            {
                k0 += W0;
                k1 += W1;
            }

            // mulhilo: the full 64-bit product, split into its high and low halves. The high half mixes
            // every input bit; the low half keeps the round invertible.
            ulong p0 = (ulong)M0 * x0;
            ulong p1 = (ulong)M1 * x2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
            uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;

            uint y0 = hi1 ^ x1 ^ k0;
            uint y1 = lo1;
            uint y2 = hi0 ^ x3 ^ k1;
            uint y3 = lo0;
            x0 = y0;
            x1 = y1;
            x2 = y2;
            x3 = y3;
        }
        return new Block(x0, x1, x2, x3);
    }
}

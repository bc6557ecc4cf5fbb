using System.Numerics;
using DeepSeq.Kernels.RandomNumbers;
using ILGPU;
using ILGPU.Runtime;
using Xunit;

namespace DeepSeq.Tests.Kernels.RandomNumbers;

/// <summary>
/// Philox4x32-10 against Random123's known answers, on the CPU and compiled by ILGPU.
/// </summary>
public sealed class Philox4x32Tests
{
    // Random123, tests/kat_vectors, the three "philox4x32 10" lines: counter (4 words), key (2 words), expected (4 words).
    //   philox4x32 10 00000000 00000000 00000000 00000000 00000000 00000000   6627e8d5 e169c58d bc57ac4c 9b00dbd8
    //   philox4x32 10 ffffffff ffffffff ffffffff ffffffff ffffffff ffffffff   408f276d 41c83b0e a20bc7c6 6d5451fd
    //   philox4x32 10 243f6a88 85a308d3 13198a2e 03707344 a4093822 299f31d0   d16cfe09 94fdcceb 5001e420 24126ea1
    // (the third line's inputs are the hex digits of π).
    public static readonly TheoryData<uint[], uint[], uint[]> KnownAnswers = new()
    {
        { [0x00000000u, 0x00000000u, 0x00000000u, 0x00000000u], [0x00000000u, 0x00000000u], [0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u] },
        { [0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu], [0xffffffffu, 0xffffffffu], [0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu] },
        { [0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u], [0xa4093822u, 0x299f31d0u], [0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u] },
    };

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void MatchesRandom123KnownAnswers(uint[] counter, uint[] key, uint[] expected)
    {
        var result = Philox4x32.Compute(new Philox4x32.Block(counter[0], counter[1], counter[2], counter[3]), key[0], key[1]);
        Assert.Equal(expected, Words(result));
    }

    [Fact]
    public void CompiledByIlgpuGivesTheKnownAnswers()
    {
        // One thread per known-answer line: inputs packed 6 words a line, outputs 4 words a line.
        var lines = KnownAnswers.Select(row => ((uint[])row[0], (uint[])row[1], (uint[])row[2])).ToArray();
        uint[] input = lines.SelectMany(l => l.Item1.Concat(l.Item2)).ToArray();
        var accelerator = IlgpuSimulator.Simulator;
        var kernel = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<uint>, ArrayView<uint>>(PhiloxKernel);
        using var inBuffer = accelerator.Allocate1D(input);
        using var outBuffer = accelerator.Allocate1D<uint>(4 * lines.Length);
        kernel(lines.Length, outBuffer.View, inBuffer.View);
        accelerator.Synchronize();

        Assert.Equal(lines.SelectMany(l => l.Item3).ToArray(), outBuffer.GetAsArray1D());
    }

    private static void PhiloxKernel(Index1D i, ArrayView<uint> output, ArrayView<uint> input)
    {
        if (6 * i + 5 >= input.Length || 4 * i + 3 >= output.Length) return;
        var counter = new Philox4x32.Block(input[6 * i], input[6 * i + 1], input[6 * i + 2], input[6 * i + 3]);
        var result = Philox4x32.Compute(counter, input[6 * i + 4], input[6 * i + 5]);
        output[4 * i] = result.X0;
        output[4 * i + 1] = result.X1;
        output[4 * i + 2] = result.X2;
        output[4 * i + 3] = result.X3;
    }

    [Fact]
    public void FlippingOneCounterBitChangesAboutHalfTheOutputBits()
    {
        // Avalanche: a good bijection's output bits each flip with probability ½ when any input bit flips.
        // Over 64 counter bits × 200 counters = 12,800 trials of 128 bits, the mean flip count is 64 ± 5.66/√12800,
        // so ±0.5 is a bound of ~10 standard errors.
        long flips = 0, trials = 0;
        for (uint c = 0; c < 200; c++)
        {
            var baseline = Philox4x32.Compute(new Philox4x32.Block(c, 7, 0, 0), 0x12345678, 0x9abcdef0);
            for (int bit = 0; bit < 64; bit++)
            {
                uint lo = bit < 32 ? c ^ (1u << bit) : c;
                uint hi = bit < 32 ? 7u : 7u ^ (1u << (bit - 32));
                var flipped = Philox4x32.Compute(new Philox4x32.Block(lo, hi, 0, 0), 0x12345678, 0x9abcdef0);
                flips += BitOperations.PopCount(baseline.X0 ^ flipped.X0) + BitOperations.PopCount(baseline.X1 ^ flipped.X1)
                       + BitOperations.PopCount(baseline.X2 ^ flipped.X2) + BitOperations.PopCount(baseline.X3 ^ flipped.X3);
                trials++;
            }
        }
        Assert.InRange(flips / (double)trials, 63.5, 64.5);
    }

    [Fact]
    public void WordReturnsTheFieldsInOrder()
    {
        var block = new Philox4x32.Block(10, 11, 12, 13);
        Assert.Equal([10u, 11u, 12u, 13u], Enumerable.Range(0, 4).Select(block.Word).ToArray());
    }

    private static uint[] Words(Philox4x32.Block b) => [b.X0, b.X1, b.X2, b.X3];
}

using DeepSeq.Kernels;
using DeepSeq.Kernels.Cpu;
using DeepSeq.Kernels.Cpu.Recurrent;
using Xunit;

namespace DeepSeq.Tests.Kernels.Cpu;

/// <summary>
/// The numbered gate passes of the fused recurrent cells against V1 (whose float64 gradients the recurrence tests
/// check through time): V2 computes the same formulas in the same order in float vectors, so every output of the
/// forward and backward passes must be bit-identical, over sizes, masks, recurrent dropout and activations.
/// </summary>
public sealed class RecurrentVersionTests
{
    public static TheoryData<int, int, int, bool, bool, CellActivation, CellActivation> Cases()
    {
        var cases = new TheoryData<int, int, int, bool, bool, CellActivation, CellActivation>();
        foreach (var (batch, steps, units) in new[] { (1, 1, 16), (3, 5, 16), (5, 7, 48), (4, 6, 32), (9, 3, 16) })
            foreach (bool masked in new[] { false, true })
                foreach (bool dropout in new[] { false, true })
                    cases.Add(batch, steps, units, masked, dropout, CellActivation.Tanh, CellActivation.Sigmoid);
        cases.Add(3, 4, 16, true, true, CellActivation.Relu, CellActivation.HardSigmoid);
        cases.Add(3, 4, 16, false, false, CellActivation.Linear, CellActivation.Sigmoid);
        cases.Add(2, 5, 16, false, true, CellActivation.Sigmoid, CellActivation.HardSigmoid);
        return cases;
    }

    /// <summary>Values in [−scale, scale), from a fixed seed.</summary>
    private static float[] Data(Random random, long length, float scale = 1f) =>
        Enumerable.Range(0, (int)length).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();

    private static float[] Mask(Random random, long length, float one) =>
        Enumerable.Range(0, (int)length).Select(_ => random.Next(4) == 0 ? 0f : one).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void LstmV2IsBitIdenticalToV1(int batch, int steps, int units, bool masked, bool dropout,
        CellActivation activation, CellActivation recurrentActivation)
    {
        if (!CellVectors.Supports<float>(units)) return;   // no AVX-512 here: V2 never runs
        var g = new RecurrentGeometry(CellKind.Lstm, batch, steps, units, activation, recurrentActivation, false,
            masked, dropout);
        var random = new Random(batch * 1000 + steps * 100 + units);
        var xz = Data(random, g.XzLength, 2f);
        var u = Data(random, (long)units * g.Width, 0.5f);
        var (h0, c0) = (Data(random, batch * units), Data(random, batch * units));
        var mask = masked ? Mask(random, (long)batch * steps, 1f) : [];
        var recurrentMask = dropout ? Mask(random, (long)g.Gates * batch * units, 1.25f) : [];
        var dy = Data(random, g.OutputLength);
        float[][] Run(int version)
        {
            var (y, gates) = (new float[g.OutputLength], new float[g.XzLength]);
            var cells = new float[batch * steps * units];
            var operands = new float[g.OperandsLength];
            Lstm.ForwardWith(y, gates, cells, operands, xz, u, h0, c0, mask, recurrentMask, g, version);
            var (dxz, du, dh0, dc0) = (new float[g.XzLength], new float[units * g.Width], new float[batch * units],
                new float[batch * units]);
            Lstm.BackwardWith(dxz, du, dh0, dc0, dy, y, gates, cells, operands, u, c0, mask, recurrentMask, g, version);
            return [y, gates, cells, operands, dxz, du, dh0, dc0];
        }
        AssertSame(Run(1), Run(2), g);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GruV2IsBitIdenticalToV1(int batch, int steps, int units, bool masked, bool dropout,
        CellActivation activation, CellActivation recurrentActivation)
    {
        if (!CellVectors.Supports<float>(units)) return;
        foreach (bool resetAfter in new[] { false, true })
        {
            var g = new RecurrentGeometry(CellKind.Gru, batch, steps, units, activation, recurrentActivation,
                resetAfter, masked, dropout);
            var random = new Random(batch * 1000 + steps * 100 + units + (resetAfter ? 7 : 0));
            var xz = Data(random, g.XzLength, 2f);
            var u = Data(random, (long)units * g.Width, 0.5f);
            var rb = resetAfter ? Data(random, g.Width) : [];
            var h0 = Data(random, batch * units);
            var mask = masked ? Mask(random, (long)batch * steps, 1f) : [];
            var recurrentMask = dropout ? Mask(random, (long)g.Gates * batch * units, 1.25f) : [];
            var dy = Data(random, g.OutputLength);
            float[][] Run(int version)
            {
                var (y, gates, operands) = (new float[g.OutputLength], new float[g.XzLength],
                    new float[g.OperandsLength]);
                var candidates = new float[resetAfter ? batch * steps * units : 0];
                Gru.ForwardWith(y, gates, candidates, operands, xz, u, rb, h0, mask, recurrentMask, g, version);
                var (dxz, du, dh0, drb) = (new float[g.XzLength], new float[units * g.Width],
                    new float[batch * units], new float[rb.Length]);
                Gru.BackwardWith(dxz, du, drb, dh0, dy, y, gates, candidates, operands, u, h0, mask, recurrentMask, g,
                    version);
                return [y, gates, candidates, operands, dxz, du, dh0, drb];
            }
            AssertSame(Run(1), Run(2), g);
        }
    }

    [Fact]
    public void ProductionPicksV2ForFloatRowsOfWholeVectorsOnly()
    {
        int vectorised = CellVectors.Supports<float>(32) ? 2 : 1;
        Assert.Equal(vectorised, Lstm.Production<float>(32));
        Assert.Equal(1, Lstm.Production<float>(24));
        Assert.Equal(1, Lstm.Production<double>(32));
        Assert.Equal(vectorised, Gru.Production<float>(32));
        Assert.Equal(1, Gru.Production<double>(32));
        var g = new RecurrentGeometry(CellKind.Lstm, 1, 1, 24, CellActivation.Tanh, CellActivation.Sigmoid, false,
            false, false);
        Assert.Throws<ArgumentException>(() => RecurrentSteps.CheckVersion<float>(g, 2));
        Assert.Throws<ArgumentException>(() => RecurrentSteps.CheckVersion<float>(g, 3));
    }

    private static void AssertSame(float[][] expected, float[][] actual, RecurrentGeometry g)
    {
        string[] names = ["y", "gates", "cells/candidates", "operands", "dxz", "du", "dh0", "dc0/drb"];
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].Length, actual[k].Length);
            for (int i = 0; i < expected[k].Length; i++)
                if (BitConverter.SingleToInt32Bits(expected[k][i]) != BitConverter.SingleToInt32Bits(actual[k][i]))
                    Assert.Fail($"{g}: {names[k]}[{i}] is {actual[k][i]:R} in V2, {expected[k][i]:R} in V1");
        }
    }
}

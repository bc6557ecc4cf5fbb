using System.Numerics;
using DeepSeq.Kernels;
using Xunit;
using static DeepSeq.Tests.Kernels.UpdateRules;

namespace DeepSeq.Tests.Kernels.Cpu;

// After the namespace line, so that this wins over the test folder DeepSeq.Tests.Kernels.Cpu.
using Cpu = DeepSeq.Kernels.Cpu;

/// <summary>The fused optimizer kernel's SIMD loop against its scalar formula, element by element, and its
/// check pass.</summary>
public sealed class OptimizerUpdateTests
{
    private static readonly int[] Sizes = [0, 1, 7, 8, 15, 16, 17, 33, 100];

    [Fact]
    public void TheVectorLoopIsTheScalarStepBitForBit()
    {
        Run<float>();
        Run<double>();
    }

    private static void Run<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (name, rule) in All<T>())
            foreach (int n in Sizes)
            {
                var (w, s0, s1, s2, g) = Operands<T>(new Random(n), n);
                var expected = Enumerable.Range(0, n).Select(i => rule.Step(new(w[i], s0[i], s1[i], s2[i]), g[i]))
                    .ToArray();
                var unused = (S0: (T[])s0.Clone(), S1: (T[])s1.Clone(), S2: (T[])s2.Clone());
                Assert.Equal(UpdateFlags.None, Cpu.OptimizerUpdate.Check(w, s0, s1, s2, g, rule));
                Cpu.OptimizerUpdate.Apply(w, s0, s1, s2, g, rule);
                for (int i = 0; i < n; i++)
                {
                    var e = expected[i];
                    Assert.True(w[i] == e.W, $"{name} {typeof(T).Name} n {n}: w[{i}] {w[i]}, scalar {e.W}");
                    Assert.Equal(rule.UsesSlot(0) ? e.S0 : unused.S0[i], s0[i]);
                    Assert.Equal(rule.UsesSlot(1) ? e.S1 : unused.S1[i], s1[i]);
                    Assert.Equal(rule.UsesSlot(2) ? e.S2 : unused.S2[i], s2[i]);
                }
            }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void CheckReportsNonFiniteGradientsAndResultsAndWritesNothing(int at)
    {
        var rule = UpdateRule<float>.Of(UpdateKind.Sgd) with { Rate = 1e38f };
        var (w, s0, s1, s2, g) = Operands<float>(new Random(1), 64);
        var before = (float[])w.Clone();
        g[at] = float.NaN;
        Assert.Equal(UpdateFlags.GradientNotFinite, Cpu.OptimizerUpdate.Check(w, s0, s1, s2, g, rule));
        g[at] = -10f;
        w[at] = 3e38f;   // 3e38 + 1e39 overflows float32
        before[at] = 3e38f;
        Assert.Equal(UpdateFlags.ResultNotFinite, Cpu.OptimizerUpdate.Check(w, s0, s1, s2, g, rule));
        Assert.Equal(before, w);
    }

    [Fact]
    public void BuffersOfTheWrongLengthAreRefused()
    {
        var rule = UpdateRule<double>.Of(UpdateKind.Adam);
        double[] five = new double[5], four = new double[4];
        var error = Assert.Throws<ArgumentException>(() => Cpu.OptimizerUpdate.Apply(five, five, four, [], five, rule));
        Assert.Contains("slot 1 holds 4 elements, the gradient 5", error.Message);
        Assert.Throws<ArgumentException>(() => Cpu.OptimizerUpdate.Check(four, five, five, [], five, rule));
        // An unused slot may be empty: Adam without AMSGrad does not touch slot 2.
        Cpu.OptimizerUpdate.Apply(five, five, five, [], five, rule);
    }
}

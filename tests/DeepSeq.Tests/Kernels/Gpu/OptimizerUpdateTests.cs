using System.Numerics;
using DeepSeq.Kernels;
using ILGPU;
using ILGPU.Runtime;
using Xunit;
using static DeepSeq.Tests.Kernels.IlgpuSimulator;
using static DeepSeq.Tests.Kernels.UpdateRules;

namespace DeepSeq.Tests.Kernels.Gpu;

// After the namespace line, so that these win over the test folders DeepSeq.Tests.Kernels.Cpu and .Gpu.
using Cpu = DeepSeq.Kernels.Cpu;
using Gpu = DeepSeq.Kernels.Gpu;

/// <summary>The ILGPU fused optimizer kernels on ILGPU's CPU accelerator against their CPU twin.</summary>
public sealed class OptimizerUpdateTests
{
    [Fact]
    public void ApplyMatchesTheCpuTwinBitForBit()
    {
        Run<float>();
        Run<double>();
    }

    private static void Run<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var apply = Simulator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>,
            ArrayView<T>, ArrayView<T>, UpdateRule<T>>(Gpu.OptimizerUpdate.Apply<T>);
        foreach (var (name, rule) in All<T>())
        {
            var (w, s0, s1, s2, g) = Operands<T>(new Random(name.Length), 19);
            using var wb = Upload(w);
            using var ab = Upload(s0);
            using var bb = Upload(s1);
            using var cb = Upload(s2);
            using var gb = Upload(g);
            apply(w.Length, wb.View, ab.View, bb.View, cb.View, gb.View, rule);
            Cpu.OptimizerUpdate.Apply(w, s0, s1, s2, g, rule);
            Assert.True(w.SequenceEqual(Download(wb)), $"{name} {typeof(T).Name}: weights differ");
            Assert.Equal(s0, Download(ab));
            Assert.Equal(s1, Download(bb));
            Assert.Equal(s2, Download(cb));
        }
    }

    [Fact]
    public void CheckRaisesTheFlagsTheCpuTwinReturns()
    {
        var check = Simulator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>,
            ArrayView<float>, ArrayView<float>, ArrayView<float>, UpdateRule<float>, ArrayView<int>>(
            Gpu.OptimizerUpdate.Check<float>);
        var rule = UpdateRule<float>.Of(UpdateKind.Sgd) with { Rate = 1e38f };
        var (w, s0, s1, s2, g) = Operands<float>(new Random(2), 9);
        UpdateFlags OnGpu()
        {
            using var flags = Simulator.Allocate1D<int>(1);
            flags.MemSetToZero();
            using var wb = Upload(w);
            using var gb = Upload(g);
            check(w.Length, wb.View, wb.View, wb.View, wb.View, gb.View, rule, flags.View);
            return (UpdateFlags)Download(flags)[0];
        }
        Assert.Equal(UpdateFlags.None, OnGpu());
        w[4] = 3e38f;
        g[4] = -10f;
        Assert.Equal(UpdateFlags.ResultNotFinite, OnGpu());
        Assert.Equal(Cpu.OptimizerUpdate.Check(w, s0, s1, s2, g, rule), OnGpu());
        g[7] = float.PositiveInfinity;
        Assert.True(OnGpu().HasFlag(UpdateFlags.GradientNotFinite));
        Assert.Equal(UpdateFlags.GradientNotFinite, Cpu.OptimizerUpdate.Check(w, s0, s1, s2, g, rule));
    }
}

using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of minimum against float64 central differences over random broadcasting pairs and non-contiguous inputs
/// (<see cref="GradGen"/>), never at a tie; and its tie rule (½ to each side) as a golden value, on both devices.
/// </summary>
public abstract class MinimumTests : GradTestBase
{
    [Fact]
    public void MinimumGradient() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.ModerateOffGrid),
        t => AssertGradient(v => v[0].Minimum(v[1]), "min(a, b)", t.A, t.B), GradCases);

    [Fact]
    public void MinimumSplitsATieInHalf()
    {
        var (a, b) = (Leaf(1, 2, 3), Leaf(1, 3, 2));
        a.Minimum(b).Sum().Backward();
        Assert.Equal([0.5, 1, 0], a.Grad!.ToArray());
        Assert.Equal([0.5, 0, 1], b.Grad!.ToArray());
    }
}

public sealed class MinimumTestsOnCpu : MinimumTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class MinimumTestsOnIlgpu : MinimumTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

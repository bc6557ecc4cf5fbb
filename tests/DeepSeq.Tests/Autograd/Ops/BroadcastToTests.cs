using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of broadcast_to against float64 central differences over random shapes (rank 1–4, dimensions 1–5) and
/// inputs that are themselves non-contiguous views: the repeated dimensions summed back, on both devices.
/// </summary>
public abstract class BroadcastToTests : GradTestBase
{
    /// <summary>Cases per property (<see cref="ViewGen.ViewCases"/>).</summary>
    protected override int GradCases => ViewGen.ViewCases(Device);

    /// <summary>The most elements in one generated input.</summary>
    protected override int GradMaxSize => ViewGen.MaxSize(Device);

    [Fact]
    public void BroadcastToGradientSumsOverTheRepeatedDimensions() => Property(
        from full in TensorGen.Shape(4, GradMaxSize, minRank: 1)
        from shape in TensorGen.Weaken(full)
        from x in TensorGen.Case(shape, TensorGen.Real)
        select (x, full),
        t => AssertGradient(v => v[0].BroadcastTo(new Shape(t.full)), $"broadcast_to({string.Join(",", t.full)})", t.x),
        GradCases);
}

public sealed class BroadcastToTestsOnCpu : BroadcastToTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class BroadcastToTestsOnIlgpu : BroadcastToTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

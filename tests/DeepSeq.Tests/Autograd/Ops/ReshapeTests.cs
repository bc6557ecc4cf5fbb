using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of reshape against float64 central differences over random shapes (rank 1–4, dimensions 1–5) and inputs
/// that are themselves non-contiguous views, to random targets of the same size (−1 included), on both devices.
/// </summary>
public abstract class ReshapeTests : GradTestBase
{
    /// <summary>Cases per property (<see cref="ViewGen.ViewCases"/>).</summary>
    protected override int GradCases => ViewGen.ViewCases(Device);

    /// <summary>The most elements in one generated input.</summary>
    protected override int GradMaxSize => ViewGen.MaxSize(Device);

    [Fact]
    public void ReshapeGradient() => Property(
        from x in ViewGen.Input(GradMaxSize)
        from target in ViewGen.ReshapeTarget(x.Shape)
        select (x, target),
        t => AssertGradient(v => v[0].Reshape(t.target), $"reshape({string.Join(",", t.target)})", t.x),
        GradCases);
}

public sealed class ReshapeTestsOnCpu : ReshapeTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ReshapeTestsOnIlgpu : ReshapeTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

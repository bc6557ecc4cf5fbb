using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of permute and of the transposes made of it against float64 central differences over random shapes
/// (rank 1–4, dimensions 1–5) and inputs that are themselves non-contiguous views, with random permutations and axes
/// (negative ones included), on both devices.
/// </summary>
public abstract class PermuteTests : GradTestBase
{
    /// <summary>Cases per property (<see cref="ViewGen.ViewCases"/>).</summary>
    protected override int GradCases => ViewGen.ViewCases(Device);

    /// <summary>The most elements in one generated input.</summary>
    protected override int GradMaxSize => ViewGen.MaxSize(Device);

    [Fact]
    public void PermuteAndTransposeGradients() => Property(
        from x in ViewGen.Input(GradMaxSize)
        from axes in ViewGen.Permutation(x.Shape.Length)
        from a in ViewGen.Axis(x.Shape.Length)
        from b in ViewGen.Axis(x.Shape.Length)
        from kind in Gen.Choose(0, 2)
        select (x, axes, a, b, kind),
        t =>
        {
            var (name, f) = t.kind switch
            {
                0 => ($"permute({string.Join(",", t.axes)})", (Func<Variable<double>, Variable<double>>)(v => v.Permute(t.axes))),
                1 => ("transpose()", v => v.Transpose()),
                _ => ($"transpose({t.a},{t.b})", v => v.Transpose(t.a, t.b)),
            };
            AssertGradient(v => f(v[0]), name, t.x);
        },
        GradCases);
}

public sealed class PermuteTestsOnCpu : PermuteTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class PermuteTestsOnIlgpu : PermuteTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of concat against float64 central differences over random shapes (rank 1–4, dimensions 1–5) and inputs
/// that are themselves non-contiguous views, of one to three inputs along a random axis, empty blocks included: each
/// input gets its own block back, on both devices.
/// </summary>
public abstract class ConcatTests : GradTestBase
{
    /// <summary>Cases per property (<see cref="ViewGen.ViewCases"/>).</summary>
    protected override int GradCases => ViewGen.ViewCases(Device);

    /// <summary>The most elements in one generated input.</summary>
    protected override int GradMaxSize => ViewGen.MaxSize(Device);

    [Fact]
    public void ConcatGradientGivesEachInputItsBlock() => Property(
        from shape in TensorGen.Shape(4, GradMaxSize / 3, minRank: 1)
        from axis in ViewGen.Axis(shape.Length)
        from n0 in Gen.Choose(0, 4)
        from n1 in Gen.Choose(0, 4)
        from n2 in Gen.Choose(0, 4)
        from p0 in ViewGen.Case(WithAxis(shape, axis, n0), TensorGen.Real)
        from p1 in ViewGen.Case(WithAxis(shape, axis, n1), TensorGen.Real)
        from p2 in ViewGen.Case(WithAxis(shape, axis, n2), TensorGen.Real)
        from count in Gen.Choose(1, 3)
        select (parts: new[] { p0, p1, p2 }[..count], axis),
        t => AssertGradient(v => VariableOps.Concat(v, t.axis), $"concat of {t.parts.Length} along {t.axis}", t.parts),
        GradCases);

    private static int[] WithAxis(int[] shape, int axis, int n)
    {
        var dims = (int[])shape.Clone();
        dims[axis < 0 ? axis + shape.Length : axis] = n;
        return dims;
    }
}

public sealed class ConcatTestsOnCpu : ConcatTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ConcatTestsOnIlgpu : ConcatTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

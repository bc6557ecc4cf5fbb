using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of index_select against float64 central differences, with indices that repeat positions (so the
/// backward pass must add, not overwrite), negative axes and views as inputs, on both devices.
/// </summary>
public abstract class IndexSelectTests : GradTestBase
{
    /// <summary>Cases per property: each case runs two forward passes per input element.</summary>
    protected override int GradCases => ViewGen.IndexingCases(Device);

    /// <summary>The most elements in one generated input.</summary>
    protected override int GradMaxSize => ViewGen.MaxSize(Device);

    [Fact]
    public void IndexSelectGradientAddsUpRepeatedIndices() => Property(
        from x in TensorGen.Case(4, GradMaxSize, TensorGen.Real, minRank: 1)
        from axis in ViewGen.Axis(x.Shape.Length)
        from count in Gen.Choose(1, 6)
        from picks in ViewGen.IndicesWithRepeats(x.Shape[axis < 0 ? axis + x.Shape.Length : axis], count)
        select (x, axis, picks),
        t => AssertGradient(v => v.IndexSelect(t.axis, Values(t.picks)), $"index_select(axis {t.axis}, [{string.Join(",", t.picks)}])", t.x),
        GradCases);
}

public sealed class IndexSelectTestsOnCpu : IndexSelectTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class IndexSelectTestsOnIlgpu : IndexSelectTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

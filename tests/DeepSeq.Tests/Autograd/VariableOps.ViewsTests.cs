using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The composite views and joins of <c>VariableOps.Views.cs</c> — flatten, squeeze, unsqueeze, narrow, flip, stack,
/// split — against float64 central differences over random shapes and non-contiguous inputs, a chain of views read
/// twice from one input, and each composite recording its one primitive node and reporting errors under its own name,
/// on both devices. The primitives have their own tests in <c>Ops/</c>.
/// </summary>
/// <remarks>
/// Every op here only moves elements, so its exact gradient moves dy back: any misrouted, dropped or duplicated
/// element shows up as an O(1) error against the finite difference of L = Σ f(x)·w with random weights w.
/// </remarks>
public abstract class VariableOpsViewsTests : GradTestBase
{
    /// <summary>Cases per property (<see cref="ViewGen.ViewCases"/>).</summary>
    protected override int GradCases => ViewGen.ViewCases(Device);

    /// <summary>The most elements in one generated input.</summary>
    protected override int GradMaxSize => ViewGen.MaxSize(Device);

    [Fact]
    public void FlattenSqueezeUnsqueezeGradients() => Property(
        from x in ViewGen.Input(GradMaxSize)
        from kind in Gen.Choose(0, 3)
        from axis in Gen.Choose(-x.Shape.Length - 1, x.Shape.Length)   // an unsqueeze position
        select (x, kind, axis),
        t =>
        {
            int ones = Array.IndexOf(t.x.Shape, 1);
            var (name, f) = t.kind switch
            {
                0 => ("flatten", (Func<Variable<double>, Variable<double>>)(v => v.Flatten())),
                1 => ("squeeze()", v => v.Squeeze()),
                2 when ones >= 0 => ($"squeeze({ones})", v => v.Squeeze(ones)),
                _ => ($"unsqueeze({t.axis})", v => v.Unsqueeze(t.axis)),
            };
            AssertGradient(v => f(v[0]), name, t.x);
        },
        GradCases);

    [Fact]
    public void NarrowAndFlipGradients() => Property(
        from x in ViewGen.Input(GradMaxSize)
        from axis in ViewGen.Axis(x.Shape.Length)
        let n = x.Shape[axis < 0 ? axis + x.Shape.Length : axis]
        from start in Gen.Choose(0, n)
        from length in Gen.Choose(0, n - start)
        from flip in Gen.Elements(false, true)
        select (x, axis, start, length, flip),
        t =>
        {
            if (t.flip) AssertGradient(v => v[0].Flip(t.axis), $"flip({t.axis})", t.x);
            else AssertGradient(v => v[0].Narrow(t.axis, t.start, t.length), $"narrow({t.axis}, {t.start}, {t.length})", t.x);
        },
        GradCases);

    [Fact]
    public void StackGradient() => Property(
        from shape in TensorGen.Shape(3, GradMaxSize / 3, minRank: 1)
        from axis in Gen.Choose(-shape.Length - 1, shape.Length)
        from count in Gen.Choose(1, 3)
        from parts in Gen.ArrayOf(TensorGen.Case(shape, TensorGen.Real), count)
        select (parts, axis),
        t => AssertGradient(v => VariableOps.Stack(v, t.axis), $"stack of {t.parts.Length} along {t.axis}", t.parts),
        GradCases);

    [Fact]
    public void SplitGradientRoutesEachPartBack() => Property(
        from x in ViewGen.Input(GradMaxSize)
        from axis in ViewGen.Axis(x.Shape.Length)
        from sizes in ViewGen.Composition(x.Shape[axis < 0 ? axis + x.Shape.Length : axis])
        from bySections in Gen.Elements(false, true)
        select (x, axis, sizes, bySections),
        t =>
        {
            int n = t.x.Shape[t.axis < 0 ? t.axis + t.x.Shape.Length : t.axis];
            // The parts joined again in reverse order: every part's gradient must come back to its own place.
            AssertGradient(v => VariableOps.Concat((t.bySections ? v[0].Split(n, t.axis) : v[0].Split(t.sizes, t.axis)).Reverse().ToList(), t.axis),
                t.bySections ? $"split({n} sections, axis {t.axis})" : $"split([{string.Join(",", t.sizes)}], axis {t.axis})", t.x);
        },
        GradCases);

    [Fact]
    public void AChainOfViewsOnOneInput() => Property(
        from x in ViewGen.Input(GradMaxSize, minRank: 2)
        from axes in ViewGen.Permutation(x.Shape.Length)
        from step in ViewGen.Step
        select (x, axes, step),
        t => AssertGradient(v =>
        {
            // The same input read twice through different views: the two gradients must add up.
            var y = v[0].Permute(t.axes).Slice(0, step: t.step).Flatten();
            var z = v[0].Transpose().Reshape(-1).Slice(0, null, y.Shape.Dims[0]);
            return y * z;
        }, $"permute({string.Join(",", t.axes)}) · slice(::{t.step}) · flatten × transpose · reshape", t.x),
        GradCases);

    /// <summary>Each composite records the one node it is made of (tinygrad's rule: composites have no backward of their own).</summary>
    [Fact]
    public void CompositesRecordTheirPrimitiveNode()
    {
        var x = new Variable<double>(Tensor.Zeros<double>(new Shape(2, 1, 3), Device), requiresGrad: true);
        Assert.Equal("reshape", x.Flatten().Creator!.Name);
        Assert.Equal("reshape", x.Squeeze().Creator!.Name);
        Assert.Equal("reshape", x.Unsqueeze(0).Creator!.Name);
        Assert.Equal("permute", x.Transpose().Creator!.Name);
        Assert.Equal("permute", x.Transpose(0, 2).Creator!.Name);
        Assert.Equal("slice", x.Narrow(2, 1, 2).Creator!.Name);
        Assert.Equal("slice", x.Flip(0).Creator!.Name);
        Assert.All(x.Split(3, axis: 2), part => Assert.Equal("slice", part.Creator!.Name));
        Assert.Equal("concat", VariableOps.Stack([x, x], 1).Creator!.Name);
    }

    [Fact]
    public void CompositesReportErrorsUnderTheirOwnName()
    {
        var x = new Variable<double>(Tensor.Zeros<double>(new Shape(2, 3), Device), requiresGrad: true);
        Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 2, 2), "narrow");         // Slice alone would clamp to one element
        Throws<ArgumentOutOfRangeException>(() => x.Transpose(0, 2), "transpose");
        Throws<ArgumentException>(() => x.Squeeze(0), "squeeze");
        Throws<ArgumentException>(() => x.Split([1, 1], 1), "split");
        Throws<ArgumentException>(() => VariableOps.Stack([x, x.Transpose()]), "stack", "(2,3)", "(3,2)");
        Throws<ArgumentException>(() => VariableOps.Concat([x, x.Unsqueeze(0)]), "concat");
    }
}

public sealed class VariableOpsViewsTestsOnCpu : VariableOpsViewsTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class VariableOpsViewsTestsOnIlgpu : VariableOpsViewsTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

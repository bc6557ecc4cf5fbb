using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Gradients of the views and joins — reshape, permute, slice, broadcast_to, concat and every composite built on
/// them — checked against float64 central differences (<see cref="GradCheck"/>) over random shapes (rank 1–4,
/// dimensions 1–5), random axes, negative-step slices, random permutations, and inputs that are themselves
/// non-contiguous views (permuted, stepped, reversed, offset, broadcast).
/// </summary>
/// <remarks>
/// Every op here only moves elements, so its exact gradient moves dy back: any misrouted, dropped or duplicated
/// element shows up as an O(1) error against the finite difference of L = Σ f(x)·w with random weights w.
/// </remarks>
public abstract class ViewGradTests : GradTestBase
{
    /// <summary>
    /// Cases per property: each case runs two forward passes per input element. ILGPU gets a few: these ops reach it
    /// only through the copy, zip and reduce kernels, which the tensor tests cover (IndexingGradTests runs its
    /// gather/scatter kernels at more).
    /// </summary>
    protected override int GradCases => OnIlgpu ? 6 : 50;

    /// <summary>The most elements in one generated input (ILGPU pays a kernel launch per op of every forward pass).</summary>
    protected override int GradMaxSize => OnIlgpu ? 24 : 120;

    private Gen<TensorCase> Input(int minRank = 1) => TensorGen.Case(4, GradMaxSize, TensorGen.Real, minRank: minRank);


    // ---- reshape and its composites ----

    [Fact]
    public void ReshapeGradient() => Property(
        from x in Input()
        from target in ViewGen.ReshapeTarget(x.Shape)
        select (x, target),
        t => AssertGradient(v => v[0].Reshape(t.target), $"reshape({string.Join(",", t.target)})", t.x),
        GradCases);

    [Fact]
    public void FlattenSqueezeUnsqueezeGradients() => Property(
        from x in Input()
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

    // ---- permute and transposes ----

    [Fact]
    public void PermuteAndTransposeGradients() => Property(
        from x in Input()
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

    // ---- slice and its composites ----

    [Fact]
    public void SliceGradientWithPythonRulesAndNegativeSteps() => Property(
        from x in Input()
        from axis in ViewGen.Axis(x.Shape.Length)
        from start in ViewGen.Bound(x.Shape[axis < 0 ? axis + x.Shape.Length : axis])
        from stop in ViewGen.Bound(x.Shape[axis < 0 ? axis + x.Shape.Length : axis])
        from step in ViewGen.Step
        select (x, axis, start, stop, step),
        t => AssertGradient(v => v[0].Slice(t.axis, t.start, t.stop, t.step), $"slice(axis {t.axis}, {t.start}, {t.stop}, {t.step})", t.x),
        GradCases);

    [Fact]
    public void NarrowAndFlipGradients() => Property(
        from x in Input()
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
    public void ASequenceReversedTwiceGetsItsGradientBackInPlace()
    {
        // y = x[::-1][1::2] reads x[3], x[1] of x = [x0, x1, x2, x3, x4]: dL/dx = [0, w1, 0, w0, 0] for weights w of y.
        var x = new Variable<double>(Tensor.FromArray(new[] { 0.0, 1, 2, 3, 4 }, Device), requiresGrad: true);
        var y = x.Flip(0).Slice(0, 1, null, 2);
        Assert.Equal([3.0, 1], y.Data.ToArray());
        y.Backward(Tensor.FromArray(new[] { 10.0, 20 }, Device));
        Assert.Equal([0.0, 20, 0, 10, 0], x.Grad!.ToArray());
    }

    // ---- broadcast_to ----

    [Fact]
    public void BroadcastToGradientSumsOverTheRepeatedDimensions() => Property(
        from full in TensorGen.Shape(4, GradMaxSize, minRank: 1)
        from shape in TensorGen.Weaken(full)
        from x in TensorGen.Case(shape, TensorGen.Real)
        select (x, full),
        t => AssertGradient(v => v[0].BroadcastTo(new Shape(t.full)), $"broadcast_to({string.Join(",", t.full)})", t.x),
        GradCases);

    // ---- concat, stack, split ----

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
        from x in Input()
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
        from x in Input(minRank: 2)
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

    private static int[] WithAxis(int[] shape, int axis, int n)
    {
        var dims = (int[])shape.Clone();
        dims[axis < 0 ? axis + shape.Length : axis] = n;
        return dims;
    }
}

public sealed class ViewGradTestsOnCpu : ViewGradTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class ViewGradTestsOnIlgpu : ViewGradTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

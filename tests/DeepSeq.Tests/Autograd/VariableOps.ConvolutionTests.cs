using DeepSeq.Autograd;
using DeepSeq.Devices;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd;

/// <summary>
/// The composite ops of <c>VariableOps.Convolution.cs</c> that are not primitives of their own: resize_bilinear's
/// gradient against float64 central differences (up and down, on both devices), and its forward equal to the
/// tensor op's. Conv2D and the poolings are primitives, checked in <c>Ops/</c>.
/// </summary>
public abstract class VariableOpsConvolutionTests : GradTestBase
{
    [Fact]
    public void ResizeBilinearGradient() => Property(
        from n in Gen.Choose(1, 2)
        from h in Gen.Choose(1, 4)
        from w in Gen.Choose(1, 4)
        from c in Gen.Choose(1, 2)
        from height in Gen.Choose(1, 6)
        from width in Gen.Choose(1, 6)
        from x in GradGen.Input([n, h, w, c], GradGen.Moderate)
        select (x, height, width),
        t => AssertGradient(v => v.ResizeBilinear(t.height, t.width), $"resize_bilinear({t.height}, {t.width})", t.x),
        GradCases);

    [Fact]
    public void ResizeBilinearForwardIsTheTensorOps()
    {
        var x = DeepSeq.Tensor.FromArray(Enumerable.Range(0, 2 * 7 * 7 * 3).Select(i => (float)Math.Sin(i)).ToArray(),
            new Shape(2, 7, 7, 3), Device);
        Assert.Equal(x.ResizeBilinear(28, 28).ToArray(), new Variable<float>(x).ResizeBilinear(28, 28).Data.ToArray());
    }
}

public sealed class VariableOpsConvolutionTestsOnCpu : VariableOpsConvolutionTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class VariableOpsConvolutionTestsOnIlgpu : VariableOpsConvolutionTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

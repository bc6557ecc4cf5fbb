using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The gradient of maximum against float64 central differences over random broadcasting pairs and non-contiguous inputs
/// (<see cref="GradGen"/>), never at a tie; and its tie rule (½ to each side, as torch.maximum, the halves adding up
/// over a broadcast operand) as golden values, on both devices.
/// </summary>
public abstract class MaximumTests : GradTestBase
{
    [Fact]
    public void MaximumGradient() => Property(
        GradGen.BroadcastInputs(GradMaxSize, GradGen.Moderate, GradGen.ModerateOffGrid),   // never a tie
        t => AssertGradient(v => v[0].Maximum(v[1]), "max(a, b)", t.A, t.B), GradCases);

    [Fact]
    public void MaximumSplitsATieInHalf()
    {
        var (a, b) = (Leaf(1, 2, 3), Leaf(1, 3, 2));
        a.Maximum(b).Sum().Backward();
        Assert.Equal([0.5, 0, 1], a.Grad!.ToArray());   // torch.maximum: ½ to each side of a tie
        Assert.Equal([0.5, 1, 0], b.Grad!.ToArray());
    }

    [Fact]
    public void MaximumTiesWithABroadcastOperandAddUp()
    {
        var a = Leaf(2, 2, 1);
        var b = new Variable<double>(Tensor.Scalar(2.0, Device), requiresGrad: true);
        a.Maximum(b).Sum().Backward();
        Assert.Equal([0.5, 0.5, 0], a.Grad!.ToArray());
        Assert.Equal(2.0, b.Grad!.Item());   // ½ + ½ (the ties) + 1 (2 > 1), summed over the positions b was broadcast to
    }
}

public sealed class MaximumTestsOnCpu : MaximumTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class MaximumTestsOnIlgpu : MaximumTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

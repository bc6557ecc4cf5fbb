using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;
using static DeepSeq.Tests.Autograd.ReductionGen;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of softmax against float64 central differences over random shapes, random axes (negative ones included)
/// and non-contiguous inputs (<see cref="GradGen"/>), on both devices.
/// </summary>
public abstract class SoftmaxTests : GradTestBase
{
    [Fact]
    public void SoftmaxGradient() => Property(AlongAnAxis(GradMaxSize),
        t => AssertGradient(v => v[0].Softmax(t.Axis), $"softmax(axis: {t.Axis})", t.X), GradCases);
}

public sealed class SoftmaxTestsOnCpu : SoftmaxTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class SoftmaxTestsOnIlgpu : SoftmaxTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

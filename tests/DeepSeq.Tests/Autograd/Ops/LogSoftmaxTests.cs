using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;
using static DeepSeq.Tests.Autograd.ReductionGen;

namespace DeepSeq.Tests.Autograd.Ops;

/// <summary>
/// The gradient of log-softmax against float64 central differences over random shapes, random axes (negative ones
/// included) and non-contiguous inputs (<see cref="GradGen"/>), on both devices.
/// </summary>
public abstract class LogSoftmaxTests : GradTestBase
{
    [Fact]
    public void LogSoftmaxGradient() => Property(AlongAnAxis(GradMaxSize),
        t => AssertGradient(v => v[0].LogSoftmax(t.Axis), $"log_softmax(axis: {t.Axis})", t.X), GradCases);
}

public sealed class LogSoftmaxTestsOnCpu : LogSoftmaxTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class LogSoftmaxTestsOnIlgpu : LogSoftmaxTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Devices;
using Xunit;

namespace DeepSeq.Tests.Tensor.Ops;
using Tensor = DeepSeq.Tensor;

/// <summary>src/Tensor/Ops/Casting.cs: Cast converts between float, double and int as .NET does, through views.</summary>
public abstract class CastingTests : TensorTestBase
{
    [Fact]
    public void CastConvertsAsDotNetDoes()
    {
        // float → int: toward zero, saturating, NaN → 0 (.NET 9+ on x64; CUDA's cvt.rzi.sat).
        var f = Values(2.7f, -2.7f, 1e10f, -1e10f, float.NaN, 0.5f);
        AssertExact(new RefArray([6], [2, -2, int.MaxValue, int.MinValue, 0, 0]), f.Cast<int>(), "float → int");
        AssertExact(new RefArray([3], [2.5, -1e300, 3e38]), Values(2.5, -1e300, 3e38).Cast<double>(), "double → double (a copy)");
        // double → float rounds to nearest: 0.1 becomes 0.1f, and 1e300 overflows to +∞.
        Assert.Equal([0.1f, float.PositiveInfinity], Values(0.1, 1e300).Cast<float>().ToArray());
        Assert.Equal([(double)0.1f, -3.0], Values(0.1f, -3f).Cast<double>().ToArray());
        Assert.Equal([16777216f, -5f], Values(16777217, -5).Cast<float>().ToArray());  // 2²⁴ + 1 rounds to even
        Assert.Equal([2.0, 3.0], Values(2, 3).Cast<double>().ToArray());
        Assert.Equal([3, -3], Values(3.99, -3.99).Cast<int>().ToArray());
        // Casting a view reads through its strides.
        var view = Tensor.Arange(6f, Device).Reshape(2, 3).Transpose();
        AssertExact(Ref(view), view.Cast<double>(), "cast of a transpose");
        Assert.False(ReferenceEquals(f.Storage, f.Cast<float>().Storage));
    }
}

public sealed class CastingTestsOnCpu : CastingTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class CastingTestsOnIlgpu : CastingTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Autograd.Ops;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// The gradient of where with respect to both branches against float64 central differences, the condition and the
/// branches broadcast together; and the routing of the gradient by the condition as a golden value, on both devices.
/// </summary>
public abstract class WhereTests : GradTestBase
{
    [Fact]
    public void WhereGradient() => Property(
        from full in GradGen.Shape(GradMaxSize)
        from shapes in Gen.ArrayOf(TensorGen.Weaken(full), 3)   // condition, a and b broadcast together
        from condition in GradGen.Input(shapes[0], Gen.Elements(0.0, 1.0))
        from a in GradGen.Input(shapes[1], GradGen.Moderate)
        from b in GradGen.Input(shapes[2], GradGen.Moderate)
        select (condition, a, b),
        t =>
        {
            var mask = Make<double>(t.condition);
            AssertGradient(v => VariableOps.Where(mask, v[0], v[1]), $"where({t.condition}, a, b)", t.a, t.b);
        },
        GradCases);

    [Fact]
    public void WhereRoutesTheGradientByTheCondition()
    {
        var (a, b) = (Leaf(1, 2, 3), new Variable<double>(Tensor.Scalar(7.0, Device), requiresGrad: true));
        VariableOps.Where(Values(1.0, 0, 1), a, b).Sum().Backward();
        Assert.Equal([1.0, 0, 1], a.Grad!.ToArray());
        Assert.Equal(1.0, b.Grad!.Item());   // chosen once, at the position where the condition is 0
    }
}

public sealed class WhereTestsOnCpu : WhereTests
{
    protected override Device Device => Device.Cpu;
}

public sealed class WhereTestsOnIlgpu : WhereTests
{
    protected override Device Device => IlgpuDevice.CpuSimulator;
}

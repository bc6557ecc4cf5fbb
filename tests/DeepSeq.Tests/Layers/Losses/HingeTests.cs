using System.Numerics;
using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Layers.Losses;
using DeepSeq.Tests.Autograd;
using DeepSeq.Tests.Tensor;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Layers.Losses;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Hinge's gradient against float64 central differences, with 0/1 and −1/1 labels, off the kink at y·p = 1.
/// </summary>
public sealed class HingeTests : LossTestBase
{
    [Fact]
    public void HingeWithBinaryAndSignedLabels() => Property(
        from t in LossGen.Pair(LossGen.Binary, GradGen.ModerateOffGrid)   // y·p never exactly 1: off the kink
        from signed in Gen.Elements(false, true)
        select (t, signed),
        c =>
        {
            var y = Make<double>(c.t.Y);
            var labels = new Variable<double>(c.signed ? y * 2.0 - 1.0 : y);
            AssertGradient(v => new Hinge().Compute(labels, v[0]), $"hinge, signed labels {c.signed}", c.t.P);
        }, GradCases);
}

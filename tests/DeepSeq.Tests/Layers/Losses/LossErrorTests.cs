using DeepSeq.Devices;
using DeepSeq.Autograd;
using DeepSeq.Layers.Losses;
using DeepSeq.Tests.Tensor;
using Xunit;

namespace DeepSeq.Tests.Layers.Losses;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Mismatched shapes get an exception naming the loss and both shapes, checked on every loss of src/Layers/Losses
/// (TargetShapes.cs does the check).
/// </summary>
public sealed class LossErrorTests : LossTestBase
{
    [Theory]
    [InlineData("binary_crossentropy")]
    [InlineData("categorical_crossentropy")]
    [InlineData("mse")]
    [InlineData("mae")]
    [InlineData("mape")]
    [InlineData("kld")]
    [InlineData("binary_focal_crossentropy")]
    [InlineData("hinge")]
    public void MismatchedShapesNameTheLossAndBothShapes(string name)
    {
        var loss = Loss.Get(name);
        Throws<ArgumentException>(() => loss.Compute(Zeros(4, 3), Zeros(4, 2)), loss.Name, "(4,3)", "(4,2)");
        Throws<ArgumentException>(() => loss.Compute(Zeros(3), Zeros(4, 1)), loss.Name, "(3)", "(4,1)");
        Throws<ArgumentException>(() => loss.Compute(Zeros(), Zeros()), loss.Name, "scalar");
    }
}

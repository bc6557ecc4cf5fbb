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
/// Sparse class ids outside the classes, or of the wrong shape, are refused with the value and its position named.
/// </summary>
public sealed class ClassIdsTests : LossTestBase
{
    [Theory]
    [InlineData(3.0, "3")]
    [InlineData(-1.0, "-1")]
    [InlineData(1.5, "1.5")]
    [InlineData(double.NaN, "NaN")]
    public void SparseIdsOutsideTheClassesNameTheValueAndItsPosition(double id, string shown)
    {
        var ids = new Variable<double>(Values(0.0, id));
        var logits = Zeros(2, 3);
        foreach (var loss in new[] { new SparseCategoricalCrossentropy(), new SparseCategoricalCrossentropy(fromLogits: true) })
            Throws<ArgumentException>(() => loss.Compute(ids, logits), "sparse_categorical_crossentropy", $"y_true[1] = {shown}", "[0, 3)");
    }

    [Fact]
    public void SparseIdsOfTheWrongShapeAreRefused() =>
        Throws<ArgumentException>(() => new SparseCategoricalCrossentropy().Compute(Zeros(3), Zeros(2, 3)),
            "sparse_categorical_crossentropy", "(3)", "(2,3)");
}

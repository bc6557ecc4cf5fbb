using DeepSeq.Devices;
using DeepSeq.Autograd;
using DeepSeq.Layers.Losses;
using DeepSeq.Tests.Tensor;
using Xunit;

namespace DeepSeq.Tests.Layers.Losses;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>Bad inputs to a loss get an exception naming the loss and what was wrong: shapes, class ids, names.</summary>
public sealed class LossErrorTests : TensorTestBase
{
    protected override Device Device => Device.Cpu;

    private static Variable<double> Zeros(params int[] shape) => new(Tensor.Zeros<double>(new Shape(shape)) + 0.5);

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

    [Fact]
    public void TargetsWithoutTheTrailingOneAreAccepted()
    {
        // Keras's usual binary case: labels (batch,) against predictions (batch, 1), and the reverse.
        var (labels, column) = (new Variable<double>(Values(0.0, 1.0)), new Variable<double>(Tensor.FromArray<double>(new double[,] { { 0.2 }, { 0.7 } })));
        var expected = new BinaryCrossentropy().Compute(new Variable<double>(labels.Data.Unsqueeze(-1)), column).Data.Item();
        Assert.Equal(expected, new BinaryCrossentropy().Compute(labels, column).Data.Item());
        Assert.Equal(new[] { 2 }, new BinaryCrossentropy().PerSample(labels, column).Shape.ToArray());
        Assert.Equal(0.0, new MeanSquaredError().Compute(column, new Variable<double>(column.Data.Squeeze(-1))).Data.Item());
    }

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

    [Fact]
    public void UnknownNamesListTheKnownOnes()
    {
        Throws<ArgumentException>(() => Loss.Get("cross_entropy"), "cross_entropy", "binary_crossentropy", "kullback_leibler_divergence", "hinge");
        Assert.IsType<MeanSquaredError>(Loss.Get("MSE"));
        Assert.IsType<KLDivergence>(Loss.Get("kullback_leibler_divergence"));
        Assert.IsType<BinaryCrossentropy>(Loss.Get("bce"));
    }

    [Fact]
    public void FocalArgumentsAreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryFocalCrossentropy(alpha: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryFocalCrossentropy(gamma: -1));
    }
}

using Xunit;

namespace DeepSeq.Tests.Tensor;
using Tensor = DeepSeq.Tensor;

/// <summary>Tensor creation in src/Tensor/TensorFactory.cs that the family tests do not cover.</summary>
public sealed class TensorFactoryTests
{
    [Fact]
    public void WrapSharesTheArrayAndChecksItsLength()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        var x = Tensor.Wrap(data, new Shape(2, 3));
        Assert.Equal(new Shape(2, 3), x.Shape);
        Assert.Equal(6f, x[1, 2]);
        data[5] = 60;                       // no copy was made: the tensor reads the array itself
        Assert.Equal(60f, x[1, 2]);
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Wrap(data, new Shape(4, 2)));
        Assert.Contains("wrap: 6 values cannot fill shape", ex.Message);
    }
}

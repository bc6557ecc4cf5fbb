using DeepSeq.Layers.Saving;
using Xunit;

namespace DeepSeq.Tests.Layers.Saving;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// SafeTensor: From reads a view in row-major order, ToTensor as the wrong type names the tensor, and an entry checks
/// its name and byte count (and SafeTensorDTypes.Of refuses a type the format has no code for).
/// </summary>
public sealed class SafeTensorTests : SafeTensorsTestBase
{
    [Fact]
    public void FromReadsAViewInRowMajorOrder()
    {
        var x = Tensor.FromArray([1.0, 2, 3, 4, 5, 6], [2, 3]).Transpose();   // (3,2), not contiguous
        var read = RoundTrip([SafeTensor.From("xt", x)]);
        Assert.Equal(new Shape(3, 2), read["xt"].Shape);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], read["xt"].ToTensor<double>().ToArray());
    }

    [Fact]
    public void ReadingAsTheWrongTypeNamesTheTensor()
    {
        var read = RoundTrip([SafeTensor.From("dense/kernel", Tensor.Ones<double>([2]))]);
        var error = Assert.Throws<InvalidCastException>(() => read["dense/kernel"].ToTensor<float>());
        Assert.Contains("'dense/kernel'", error.Message);
        Assert.Contains("F64", error.Message);
    }

    [Fact]
    public void AnEntryChecksItsNameAndByteCount()
    {
        Assert.Throws<ArgumentException>(() => new SafeTensor("", SafeTensorDType.U8, [1], new byte[1]));
        Assert.Throws<ArgumentException>(() => new SafeTensor("__metadata__", SafeTensorDType.U8, [1], new byte[1]));
        var error = Assert.Throws<ArgumentException>(() => new SafeTensor("w", SafeTensorDType.F32, [2, 2], new byte[15]));
        Assert.Contains("16", error.Message);
        Assert.Throws<ArgumentException>(() => SafeTensorDTypes.Of<short>());
    }
}

using DeepSeq.Layers.Saving;
using Xunit;

namespace DeepSeq.Tests.Layers.Saving;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// SafeTensorsFile.Write refuses a duplicate name, and a write that fails half way leaves the earlier file byte for
/// byte as it was, with no temporary file behind.
/// </summary>
public sealed class SafeTensorsFileTests : SafeTensorsTestBase
{
    [Fact]
    public void ADuplicateNameIsRefusedAndTheOldFileKept()
    {
        string path = NewPath();
        SafeTensorsFile.Write(path, [SafeTensor.From("w", Tensor.Ones<float>([2]))]);
        byte[] before = File.ReadAllBytes(path);
        var error = Assert.Throws<ArgumentException>(() => SafeTensorsFile.Write(path,
            [SafeTensor.From("w", Tensor.Zeros<float>([3])), SafeTensor.From("w", Tensor.Zeros<int>([1]))]));
        Assert.Contains("'w'", error.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([Path.GetFileName(path)], _files.Listing());
    }

    [Fact]
    public void AWriterWhoseEnumerationThrowsHalfWayLeavesTheOldFileByteIdentical()
    {
        string path = NewPath();
        SafeTensorsFile.Write(path, [SafeTensor.From("w", Tensor.Ones<float>([4]))], new Dictionary<string, string> { ["v"] = "1" });
        byte[] before = File.ReadAllBytes(path);

        IEnumerable<SafeTensor> FailingHalfWay()
        {
            yield return SafeTensor.From("w", Tensor.Zeros<float>([4]));
            throw new InvalidOperationException("the model ran out of layers");
        }

        Assert.Throws<InvalidOperationException>(() => SafeTensorsFile.Write(path, FailingHalfWay()));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([Path.GetFileName(path)], _files.Listing());   // no temporary file behind
    }
}

using DeepSeq.Layers.Saving;
using Xunit;

namespace DeepSeq.Tests.Layers.Saving;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>SafeTensorsContents: asking for a name the file lacks names the file and the tensors it holds.</summary>
public sealed class SafeTensorsContentsTests : SafeTensorsTestBase
{
    [Fact]
    public void AMissingNameNamesTheFileAndWhatItHolds()
    {
        string path = NewPath();
        SafeTensorsFile.Write(path, [SafeTensor.From("bias", Tensor.Zeros<float>([2]))]);
        var error = Assert.Throws<KeyNotFoundException>(() => SafeTensorsFile.Read(path)["kernel"]);
        Assert.Contains(path, error.Message);
        Assert.Contains("'bias'", error.Message);
    }
}

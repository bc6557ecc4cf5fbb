using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Flatten keeps the row-major order of the elements, eagerly and symbolically.
/// </summary>
public sealed class FlattenTests
{
    [Fact]
    public void Flatten_keeps_row_major_order()
    {
        var x = Tensor.Arange<double>(12).Reshape(2, 3, 2);
        var y = new Flatten().Call(new Variable<double>(x)).Data;
        Assert.Equal([2, 6], y.Shape.ToArray());
        Assert.Equal(x.ToArray(), y.ToArray());
        Assert.Equal(new SymbolicShape(null, null), new Flatten().Call(new Input([null, (int?)3])).Shape);
    }
}

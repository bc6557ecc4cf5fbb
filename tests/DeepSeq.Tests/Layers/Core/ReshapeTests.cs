using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Reshape infers its −1 dimension and refuses target shapes the input's size does not fit.
/// </summary>
public sealed class ReshapeTests
{
    [Fact]
    public void Reshape_infers_minus_one_and_refuses_sizes_that_do_not_divide()
    {
        Assert.Equal(new SymbolicShape(null, 2, 6), new Reshape([2, -1]).Call(new Input(3, 4)).Shape);
        var e = Assert.Throws<ArgumentException>(() => new Reshape([5, -1]).Call(new Input(3, 4)));
        Assert.Contains("12 elements", e.Message);
        Assert.Throws<ArgumentException>(() => new Reshape([-1, -1]));
        Assert.Throws<ArgumentException>(() => new Reshape([0, 2]));
    }
}

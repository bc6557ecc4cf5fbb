using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Convolutional;

/// <summary>Conv1D: B15's layer size, and what causal padding promises (no output sees a later input).</summary>
public sealed class Conv1DTests
{
    [Fact]
    public void B15Conv1DOn128ChannelsHas28704Parameters()
    {
        var layer = new Conv1D(32, 7, activation: "relu");
        var y = layer.Call(new Input([500, 128]));
        Assert.Equal(28_704, layer.CountParams());
        Assert.Equal(new SymbolicShape(null, 494, 32), y.Shape);
    }

    [Fact]
    public void CausalOutputsDoNotDependOnLaterInputs()
    {
        Session.SetRandomSeed(21);
        var layer = new Conv1D(2, 3, padding: "causal", dilationRate: 2);
        var rng = new Random(1);
        var x = Enumerable.Range(0, 10 * 2).Select(_ => rng.NextDouble()).ToArray();
        var before = layer.Call(new Variable<double>(DeepSeq.Tensor.FromArray<double>(x, [1, 10, 2]))).Data.ToArray();
        Assert.Equal(10 * 2, before.Length);   // causal keeps the length
        for (int t = 6; t < 10; t++) x[t * 2] += 100;   // change steps 6…9
        var after = layer.Call(new Variable<double>(DeepSeq.Tensor.FromArray<double>(x, [1, 10, 2]))).Data.ToArray();
        Assert.Equal(before[..12], after[..12]);        // steps 0…5 unchanged
        Assert.NotEqual(before[12..], after[12..]);
    }
}

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
/// <see cref="Loss.Get"/> refuses an unknown name, listing the known ones.
/// </summary>
public sealed class LossTests : LossTestBase
{
    [Fact]
    public void UnknownNamesListTheKnownOnes()
    {
        Throws<ArgumentException>(() => Loss.Get("cross_entropy"), "cross_entropy", "binary_crossentropy", "kullback_leibler_divergence", "hinge");
        Assert.IsType<MeanSquaredError>(Loss.Get("MSE"));
        Assert.IsType<KLDivergence>(Loss.Get("kullback_leibler_divergence"));
        Assert.IsType<BinaryCrossentropy>(Loss.Get("bce"));
    }
}

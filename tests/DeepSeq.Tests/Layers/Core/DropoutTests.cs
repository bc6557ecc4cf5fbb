using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Core.CoreTestKit;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Dropout's inverted mask: the identity outside training, about rate of the elements zeroed and the rest scaled
/// by 1/keep, masks that follow the session seed, a noise shape shared along an axis, and the rate's range.
/// </summary>
public sealed class DropoutTests
{
    [Fact]
    public void Dropout_is_the_identity_outside_training()
    {
        Session.SetRandomSeed(4);
        var x = Batch(new double[,] { { 1, 2, 3, 4 } });
        Assert.Equal(x.Data.ToArray(), new Dropout(0.5).Call(x, training: false).Data.ToArray());
        Assert.Equal(x.Data.ToArray(), new Dropout(0).Call(x, training: true).Data.ToArray());
    }

    [Fact]
    public void Dropout_zeroes_about_rate_of_the_elements_and_scales_the_rest_by_one_over_keep()
    {
        Session.SetRandomSeed(5);
        var x = new Variable<double>(Tensor.Ones<double>([100, 100]));
        var y = new Dropout(0.3).Call(x, training: true).Data.ToArray();
        int dropped = y.Count(v => v == 0);
        Assert.InRange(dropped, 2700, 3300);   // 10,000 Bernoulli(0.3): σ ≈ 46
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1 / 0.7, v, 14));
    }

    [Fact]
    public void Dropout_masks_follow_the_session_seed_and_change_from_call_to_call()
    {
        var x = new Variable<double>(Tensor.Ones<double>([4, 50]));
        Session.SetRandomSeed(6);
        var layer = new Dropout(0.5);
        var first = layer.Call(x, training: true).Data.ToArray();
        var second = layer.Call(x, training: true).Data.ToArray();
        Session.SetRandomSeed(6);
        var again = new Dropout(0.5).Call(x, training: true).Data.ToArray();
        Assert.Equal(first, again);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Dropout_noise_shape_drops_the_same_features_at_every_time_step()
    {
        Session.SetRandomSeed(7);
        var x = new Variable<double>(Tensor.Ones<double>([2, 5, 40]));
        var y = new Dropout(0.5, noiseShape: [null, 1, null]).Call(x, training: true).Data.ToArray();
        for (int b = 0; b < 2; b++)
            for (int t = 1; t < 5; t++)
                for (int f = 0; f < 40; f++)
                    Assert.Equal(y[(b * 5) * 40 + f], y[(b * 5 + t) * 40 + f]);
        Assert.Contains(0.0, y);
        Assert.Throws<ArgumentException>(() => new Dropout(1.0));
        Assert.Throws<ArgumentException>(() => new Dropout(-0.1));
    }
}

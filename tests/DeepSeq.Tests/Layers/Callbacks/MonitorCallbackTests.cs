using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Callbacks.CallbackTestKit;

namespace DeepSeq.Tests.Layers.Callbacks;

/// <summary>
/// MonitorCallback, through EarlyStopping: mode "auto" maximises names with "acc" and minimises the rest, an unknown
/// mode is refused, and a monitored key missing from the logs is named along with the keys that are there.
/// </summary>
public sealed class MonitorCallbackTests
{
    [Fact]
    public void Mode_auto_maximises_accuracies_and_minimises_everything_else()
    {
        double[] rising = [0.5, 0.6, 0.7, 0.65, 0.64];
        var acc = Run("val_acc", rising, new EarlyStopping("val_acc", patience: 1)).Rule;
        Assert.Equal(3, acc.StoppedEpoch);
        Assert.Equal(2, acc.BestEpoch);
        var loss = Run("val_loss", rising, new EarlyStopping("val_loss", patience: 1)).Rule;
        Assert.Equal(1, loss.StoppedEpoch);
        Assert.Equal(0, loss.BestEpoch);
        var max = Run("val_loss", rising, new EarlyStopping("val_loss", patience: 1, mode: "max")).Rule;
        Assert.Equal(3, max.StoppedEpoch);
        Assert.Throws<ArgumentException>(() => new EarlyStopping(mode: "maximum"));
    }

    [Fact]
    public void A_monitor_missing_from_the_logs_names_the_available_keys()
    {
        var e = Assert.Throws<InvalidOperationException>(() => NewModel(3).Fit(X, Y, epochs: 2, verbose: 0, callbacks: [new EarlyStopping()]));
        Assert.Contains("val_loss", e.Message);
        Assert.Contains("loss, acc", e.Message);
    }
}

using DeepSeq.Layers;
using Xunit;
using static DeepSeq.Tests.Layers.Callbacks.CallbackTestKit;

namespace DeepSeq.Tests.Layers.Callbacks;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// ModelCheckpoint: a file per epoch, or only when the monitored value improved; paths formatted as Keras formats
/// them (<c>{epoch:02d}</c> counted from 1, <c>{val_loss:.2f}</c>); each file holds that epoch's weights.
/// </summary>
public sealed class ModelCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deepseq-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string[] Files() => Directory.GetFiles(_dir).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Save_best_only_writes_on_improvement_with_the_formatted_name()
    {
        var model = NewModel(1);
        var predictions = new List<float[]>();
        var record = new LambdaCallback(onEpochEnd: (_, _) => predictions.Add(model.Predict(X).ToArray()));
        var checkpoint = new ModelCheckpoint(Path.Combine(_dir, "w.{epoch:02d}-{val_loss:.2f}.safetensors"), saveBestOnly: true);
        Fit(model, 4, new ScriptedLogs("val_loss", 1.0, 1.2, 0.8, 0.9), record, checkpoint);
        Assert.Equal(["w.01-1.00.safetensors", "w.03-0.80.safetensors"], Files());
        Assert.Equal(["w.01-1.00.safetensors", "w.03-0.80.safetensors"], checkpoint.Saved.Select(p => Path.GetFileName(p)!));

        var restored = NewModel(2);
        restored.LoadWeights(Path.Combine(_dir, "w.03-0.80.safetensors"));
        Assert.Equal(predictions[2], restored.Predict(X).ToArray());
    }

    [Fact]
    public void Without_save_best_only_every_epoch_is_written()
    {
        var checkpoint = new ModelCheckpoint(Path.Combine(_dir, "e{epoch}.safetensors"));
        Fit(NewModel(3), 3, new ScriptedLogs("val_loss", 1.0, 2.0, 3.0), checkpoint);
        Assert.Equal(["e1.safetensors", "e2.safetensors", "e3.safetensors"], Files());
    }

    [Fact]
    public void A_missing_folder_is_created()
    {
        var checkpoint = new ModelCheckpoint(Path.Combine(_dir, "runs", "a", "e{epoch}.safetensors"));
        Fit(NewModel(3), 1, new ScriptedLogs("val_loss", 1.0), checkpoint);
        Assert.True(File.Exists(Path.Combine(_dir, "runs", "a", "e1.safetensors")));
    }

    [Fact]
    public void Integer_widths_pad_as_python_does()
    {
        var checkpoint = new ModelCheckpoint(Path.Combine(_dir, "{epoch:3d}_{epoch:03d}_{epoch:d}.safetensors"));
        Fit(NewModel(6), 1, checkpoint);
        Assert.Equal(["  1_001_1.safetensors"], Files());
    }

    [Fact]
    public void Mode_auto_keeps_the_highest_accuracy()
    {
        var checkpoint = new ModelCheckpoint(Path.Combine(_dir, "acc-{epoch:03d}-{val_acc:.3f}.safetensors"), monitor: "val_acc", saveBestOnly: true);
        Fit(NewModel(4), 4, new ScriptedLogs("val_acc", 0.5, 0.75, 0.6, 0.875), checkpoint);
        Assert.Equal(["acc-001-0.500.safetensors", "acc-002-0.750.safetensors", "acc-004-0.875.safetensors"], Files());
    }

    [Fact]
    public void An_unknown_key_in_the_path_names_the_available_ones()
    {
        var checkpoint = new ModelCheckpoint(Path.Combine(_dir, "{val_auc:.2f}.safetensors"));
        var e = Assert.Throws<InvalidOperationException>(() => Fit(NewModel(5), 1, checkpoint));
        Assert.Contains("val_auc", e.Message);
        Assert.Contains("val_loss", e.Message);
        Assert.Empty(Files());
    }

    /// <summary>
    /// Issue 15: SGD at learning rate 1e300 (∞ in float32) turned every weight into NaN in one step, and
    /// ModelCheckpoint then overwrote the good checkpoint with them. Here the rate is set to 1e300 in the second
    /// epoch (as a scheduler would, after Fit's own check of the hyperparameters): training must stop with an error
    /// naming the rate, and the checkpoint of the first epoch must stay byte for byte.
    /// </summary>
    [Fact]
    public void LearningRate1e300StopsAndKeepsCheckpoint()
    {
        var model = NewModel(13);
        string path = Path.Combine(_dir, "last.safetensors");
        var checkpoint = new ModelCheckpoint(path);
        var scheduler = new LearningRateScheduler((epoch, rate) => epoch == 0 ? rate : 1e300);

        var e = Assert.Throws<InvalidOperationException>(() => Fit(model, 3, scheduler, checkpoint));

        Assert.Contains("learning rate 1E+300", e.Message);
        Assert.Equal(["last.safetensors"], Files());
        var saved = NewModel(14);
        saved.LoadWeights(path);
        Assert.Equal(FloatWeights(model), FloatWeights(saved));   // the weights of the first epoch, on disk and in memory
        Assert.True(FloatWeights(saved).All(float.IsFinite));
    }

    /// <summary>Weights that hold NaN (however they got there) are never checkpointed, unless asked for.</summary>
    [Fact]
    public void NanWeightsAreNotCheckpointedUnlessAllowed()
    {
        var model = NewModel(15);
        string path = Path.Combine(_dir, "w.safetensors");
        Fit(model, 1, new ModelCheckpoint(path));
        byte[] good = File.ReadAllBytes(path);

        var e = Assert.Throws<InvalidOperationException>(() => Fit(model, 1, Poison(model), new ModelCheckpoint(path)));
        Assert.Contains("holds NaN or infinity", e.Message);
        Assert.Equal(good, File.ReadAllBytes(path));

        var other = NewModel(15);
        Fit(other, 1, Poison(other), new ModelCheckpoint(path, allowNonFinite: true));
        Assert.NotEqual(good, File.ReadAllBytes(path));
    }

    /// <summary>At each epoch's end (before the checkpoint that follows it), fills the first weight with NaN.</summary>
    private static LambdaCallback Poison(Model model) => new(onEpochEnd: (_, _) =>
        model.Weights[0].Assign(Tensor.Full(model.Weights[0].Shape, float.NaN)));
}

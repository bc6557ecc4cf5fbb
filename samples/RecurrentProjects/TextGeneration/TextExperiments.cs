using DeepSeq.Kernels;
using DeepSeq.Layers;
using DeepSeq.Layers.Losses;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.RecurrentProjects.TextGeneration;

/// <summary>
/// E5: the project's character model, LSTM(1024), Adam 1e-3, categorical cross-entropy, 10 epochs under early
/// stopping; its validation accuracy by epoch, test loss and accuracy, curves, text from three prompts by argmax
/// and at three temperatures, and the saved model that <c>generate</c> loads.
/// </summary>
public sealed class TextModel : TextGenerationExperiment
{
    /// <summary>The weight file E5 writes in the output folder.</summary>
    public const string WeightsFile = "E5_lstm.safetensors";

    /// <inheritdoc/>
    public override string Id => "E5";
    /// <inheritdoc/>
    public override string Title => "Text generation: Embedding(V, 64) → LSTM(1024) → Dense head on 250-character " +
                                    "windows, Adam 1e-3, categorical CE; generate by argmax and temperature";
    /// <inheritdoc/>
    public override string Reference => "the project's novel (V 57, 4,766,841 params): val acc .440 .556 .598 .618 " +
                                        ".629 .636 .639 .640 .639 .639; test loss 1.20, acc 0.643; ≈ 35 s/epoch on a GPU";

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        var data = Load(context);
        var trained = Train(context, data, "E5", "LSTM, categorical CE", CellKind.Lstm, new Adam(1e-3),
            new CategoricalCrossentropy(), Epochs);
        trained.Model.Summary(context.Output);
        var metrics = new Dictionary<string, double> { ["vocabulary"] = data.Vocabulary.Count };
        Record(metrics, "lstm", trained);
        PrintGenerations(context, data, trained, CellKind.Lstm);
        SaveModel(context, data, trained, CellKind.Lstm, WeightsFile);
        return new ExperimentResult(data.Origin, metrics, trained.Epochs);
    }
}

/// <summary>E6: E5 trained with the KL divergence and with binary focal cross-entropy (gamma 2) as the loss; both
/// report categorical accuracy, and the test figures are in each run's own loss.</summary>
public sealed class TextLosses : TextGenerationExperiment
{
    /// <inheritdoc/>
    public override string Id => "E6";
    /// <inheritdoc/>
    public override string Title => "Text generation: E5 with the KL divergence and with binary focal CE (gamma 2)";
    /// <inheritdoc/>
    public override string Reference => "KL: test 1.169 / 0.640; focal: test acc 0.398 (learns much slower)";

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        var data = Load(context);
        var metrics = new Dictionary<string, double>();
        var table = new TextTable("loss", "epochs", "test loss", "test accuracy", "s/epoch");
        foreach (var (key, loss) in new (string, Loss)[]
                 {
                     ("kl", new KLDivergence()), ("focal", new BinaryFocalCrossentropy(gamma: 2)),
                 })
        {
            if (!Wants(context, key, "kl", "focal")) continue;
            var trained = Train(context, data, $"E6_{key}", $"LSTM, {loss.Name}", CellKind.Lstm, new Adam(1e-3),
                loss, Epochs);
            Record(metrics, key, trained);
            table.Add(loss.Name, trained.Epochs.ToString(), F(trained.Test["loss"]), F(trained.Test["accuracy"]),
                (trained.Seconds / trained.Epochs).ToString("0"));
        }
        table.Write(context.Output);
        return new ExperimentResult(data.Origin, metrics, 0);
    }
}

/// <summary>
/// E7: E5 stopped after 3 and after 5 epochs (one run, evaluated on the test set after both: training is
/// deterministic, so a 3-epoch run is this run's first 3 epochs), TF2's GRU(1024) (reset_after true) in place of the
/// LSTM, and the LSTM at Adam's learning rate 0.1.
/// </summary>
public sealed class TextVariants : TextGenerationExperiment
{
    /// <inheritdoc/>
    public override string Id => "E7";
    /// <inheritdoc/>
    public override string Title => "Text generation: E5 for 3 and 5 epochs; GRU(1024); Adam lr 0.1";
    /// <inheritdoc/>
    public override string Reference => "3 ep: 1.33 / 0.590; 5 ep: 1.19 / 0.632; GRU 3,654,777 params, 1.17 / " +
                                        "0.639, ≈ 25 s/epoch; lr 0.1: 3.02 / 0.177 (stuck on the most frequent character)";

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        var data = Load(context);
        var metrics = new Dictionary<string, double>();
        var table = new TextTable("variant", "epochs", "test loss", "test accuracy", "s/epoch");
        // A row of the table: the run's final test figures, or those after epoch `at` (a run stopped there).
        void Row(string label, Trained trained, int? at = null)
        {
            string suffix = at is null ? "" : $"@{at}";
            table.Add(label, (at ?? trained.Epochs).ToString(), F(trained.Test["loss" + suffix]),
                F(trained.Test["accuracy" + suffix]), (trained.Seconds / trained.Epochs).ToString("0"));
        }
        string[] variants = ["short", "gru", "lr01"];
        if (Wants(context, "short", variants))
        {
            int[] stops = context.Quick ? [1, 2] : [3, 5];
            var shortRun = Train(context, data, "E7_short", "LSTM, stopped early", CellKind.Lstm, new Adam(1e-3),
                new CategoricalCrossentropy(), stops[1], stops[0]);
            Record(metrics, "short", shortRun);
            Row($"LSTM, {stops[0]} epochs", shortRun, stops[0]);
            Row($"LSTM, {stops[1]} epochs", shortRun);
        }
        if (Wants(context, "gru", variants))
        {
            var gru = Train(context, data, "E7_gru", "GRU", CellKind.Gru, new Adam(1e-3),
                new CategoricalCrossentropy(), Epochs);
            Record(metrics, "gru", gru);
            Row("GRU(1024), reset_after", gru);
        }
        if (Wants(context, "lr01", variants))
        {
            var fast = Train(context, data, "E7_lr01", "LSTM, Adam 0.1", CellKind.Lstm, new Adam(0.1),
                new CategoricalCrossentropy(), Epochs);
            Record(metrics, "lr01", fast);
            Row("LSTM, Adam lr 0.1", fast);
        }
        var mostFrequent = data.Split.YTest.Sum(0).Sum(0).ToArray();
        metrics["test_most_frequent_share"] = mostFrequent.Max() / mostFrequent.Sum();
        context.Output.WriteLine($"the most frequent test character is {F(metrics["test_most_frequent_share"])} of " +
                                 "the targets (what a network stuck on it scores)");
        table.Write(context.Output);
        return new ExperimentResult(data.Origin, metrics, 0);
    }
}

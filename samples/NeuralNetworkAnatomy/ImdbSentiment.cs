using System.Globalization;
using DeepSeq.Data.Imdb;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.NeuralNetworkAnatomy;

/// <summary>
/// A1, the book's listings 3.1–3.10: classify IMDB reviews as positive or negative with two Dense(16, relu) layers.
/// </summary>
/// <remarks>
/// <para>1. Train 20 epochs on the training reviews after the first 10,000, validating on those 10,000; plot loss and
/// accuracy (<c>A1_loss.png</c>, <c>A1_acc.png</c>). Validation accuracy peaks early, then the model overfits.</para>
/// <para>2. Retrain a fresh model (same seed, so the same initial weights) on all 25,000 training reviews for 4
/// epochs, evaluate it on the 25,000 test reviews, save its weights, and show a few predictions.</para>
/// </remarks>
public sealed class ImdbSentiment : Experiment
{
    /// <inheritdoc/>
    public override string Id => "A1";

    /// <inheritdoc/>
    public override string Title => "IMDB sentiment: multi-hot reviews, Dense(16, relu) ×2 → Dense(1, sigmoid), RMSprop, binary crossentropy";

    /// <inheritdoc/>
    public override string Reference => "val acc peaks at epoch 3–4 (nb 0.891), then overfits; after retraining 4 epochs on all 25k: test loss 0.293, acc 0.883 (nb 0.2918 / 0.8850)";

    /// <summary>Mini-batch size of every fit, as in the book.</summary>
    public const int BatchSize = 512;

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        var output = context.Output;
        var data = ImdbVectors.Load(context);

        // Hold out the FIRST 10,000 training reviews (x_val = x_train[:10000]); the shuffle in ImdbData mixed the labels.
        int validationCount = context.Size(10_000, 1_000);
        int trainCount = data.XTrain.Shape[0] - validationCount;
        var xVal = data.XTrain.Narrow(0, 0, validationCount);
        var yVal = data.YTrain.Narrow(0, 0, validationCount);
        var partialX = data.XTrain.Narrow(0, validationCount, trainCount);
        var partialY = data.YTrain.Narrow(0, validationCount, trainCount);

        Session.SetRandomSeed((ulong)context.Seed);
        var model = Compiled(output);
        model.Summary(output);
        int epochs = context.Epochs(20, 2);
        output.WriteLine($"Training on {trainCount} reviews, validating on the first {validationCount}, {epochs} epochs, batch {BatchSize}:");
        History history = model.Fit(partialX, partialY, batchSize: BatchSize, epochs: epochs,
            validationData: new TensorDataset<float>(xVal, yVal), verbose: 2);

        HistoryTable.Write(history, output);
        var valAcc = history["val_acc"];
        int peak = Enumerable.Range(0, valAcc.Count).MaxBy(e => valAcc[e]);
        output.WriteLine($"Validation accuracy peaks at epoch {peak + 1}: {F(valAcc[peak])} (last epoch: {F(valAcc[^1])})");
        foreach (string png in HistoryPlots.Save(history, context.OutDir, Id, "loss", "acc")) output.WriteLine($"plot: {png}");

        // A fresh model from the same seed, trained on all the training reviews for as long as validation suggested.
        Session.SetRandomSeed((ulong)context.Seed);
        var final = Compiled(output);
        int finalEpochs = context.Epochs(4, 2);
        output.WriteLine($"Retraining from scratch on all {data.XTrain.Shape[0]} training reviews for {finalEpochs} epochs:");
        final.Fit(data.XTrain, data.YTrain, batchSize: BatchSize, epochs: finalEpochs, verbose: 2);
        var test = final.Evaluate(data.XTest, data.YTest, batchSize: BatchSize);
        output.WriteLine($"Test ({data.XTest.Shape[0]} reviews): loss {F(test["loss"])}, acc {F(test["acc"])}");
        string weights = context.OutPath($"{Id}_imdb_dense.safetensors");
        final.SaveWeights(weights);
        output.WriteLine($"weights: {weights}");

        ShowPredictions(final, data, output);

        return new ExperimentResult(data.Reviews.Origin, new Dictionary<string, double>
        {
            ["params"] = final.CountParams(),
            ["val_acc_peak"] = valAcc[peak],
            ["val_acc_peak_epoch"] = peak + 1,
            ["val_acc_last"] = valAcc[^1],
            ["val_loss_min"] = history["val_loss"].Min(),
            ["test_loss"] = test["loss"],
            ["test_acc"] = test["acc"],
        }, finalEpochs);
    }

    /// <summary>The book's model compiled as in listing 3.4 (RMSprop lr 0.001, binary crossentropy, accuracy as "acc").</summary>
    private static Sequential Compiled(TextWriter output)
    {
        var model = ImdbModels.Build(2, 16, "relu");
        model.Compile(new RmsProp(0.001), "binary_crossentropy", ["acc"]);
        model.ProgressOutput = output;
        return model;
    }

    /// <summary>
    /// The book's <c>model.predict(x_test)</c>: the network is confident about some reviews (≈ 0.99 or 0.01) and unsure
    /// about others (≈ 0.6 or 0.4). Shows the most confident positive and negative, and the two nearest 0.6 and 0.4.
    /// </summary>
    private static void ShowPredictions(Sequential model, ImdbVectors data, TextWriter output)
    {
        float[] p = model.Predict(data.XTest, batchSize: BatchSize).ToArray();
        output.WriteLine($"Predictions on the test reviews (first 5: {string.Join(", ", p.Take(5).Select(v => v.ToString("0.000", CultureInfo.InvariantCulture)))}):");
        var shown = new HashSet<int>();
        // The review whose prediction is nearest the target and not yet shown (on a weak model 1 and 0.6 may pick the same one).
        int Nearest(double target)
        {
            int best = Enumerable.Range(0, p.Length).Where(i => !shown.Contains(i)).MinBy(i => Math.Abs(p[i] - target));
            shown.Add(best);
            return best;
        }
        var reviews = data.Reviews.Test;
        foreach (var (what, target) in new[] { ("most positive", 1.0), ("most negative", 0.0), ("unsure, ~0.6", 0.6), ("unsure, ~0.4", 0.4) })
        {
            int i = Nearest(target);
            string snippet = ImdbWordIndex.StripBreakTags(reviews.Texts[i]);
            if (snippet.Length > 110) snippet = snippet[..110] + "…";
            output.WriteLine($"  {p[i]:0.000}  {what,-13}  true {(reviews.Labels[i] == 1 ? "pos" : "neg")}  \"{snippet}\"");
        }
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}

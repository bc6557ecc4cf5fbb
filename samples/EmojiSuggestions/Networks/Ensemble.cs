using DeepSeq.Layers;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>
/// C9, the book's ensemble: the three trained networks (C3, C5, C7) inside one functional model with three named
/// inputs (<c>char_cnn_input</c>, <c>cnn_input</c>, <c>lstm_input</c>), their softmax outputs averaged (an Average
/// layer); trained further with a generator drawing random batches of 512 tweets (with replacement, the book's
/// <c>np.random.randint</c>) for all three inputs, 20 epochs, EarlyStopping(monitor loss, min_delta 0.03,
/// patience 2); tested against the LSTM alone.
/// </summary>
/// <remarks>The ensemble is built from copies of the three networks (same layers, the trained weights copied), so
/// training it leaves C3, C5 and C7's models as they were for the rest of the run. An epoch is ⌈train / 512⌉ steps.
/// </remarks>
public sealed class Ensemble : Experiment
{
    /// <summary>The batch size.</summary>
    public const int BatchSize = 512;

    /// <inheritdoc/>
    public override string Id => "C9";

    /// <inheritdoc/>
    public override string Title => "Ensemble: C3, C5, C7 averaged in one model with three named inputs; random " +
                                    "batches of 512, 20 epochs, EarlyStopping(loss, 0.03, 2)";

    /// <inheritdoc/>
    public override string Reference => "nb 0.381, not better than the LSTM alone (0.403): report honestly";

    /// <summary>The ensemble of <paramref name="models"/> (each with one input and one output): their inputs, in
    /// order, and the Average of their outputs (the book's <c>create_ensemble</c>).</summary>
    public static Model Build(IReadOnlyList<Model> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var averaged = new Average(name: "ensemble_average").Call([.. models.Select(m => m.Outputs[0])])[0];
        return new Model([.. models.Select(m => m.Inputs[0])], [averaged], "ensemble");
    }

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = NetworkData.Load(context);
        var vectors = TweetWord2Vec.Trained(context);
        TrainedNetwork[] trained = [CharCnn.Trained(context), WordCnn.Trained(context), WordLstm.Trained(context)];
        int length = data.Words.Shape[1], dim = vectors.VectorSize;
        Model[] copies =
        [
            CharCnn.Build(data.Characters.Chars.Count, data.Characters.Length, data.Classes),
            WordCnn.Build(data.Vocabulary, dim, length, data.Classes),
            WordLstm.Build(data.Vocabulary, dim, length, data.Classes),
        ];
        for (int i = 0; i < copies.Length; i++) copies[i].SetWeights(trained[i].Model.GetWeights<float>());
        var model = Build(copies);
        TweetInput[] inputs = [.. trained.Select(t => t.Input)];
        context.Output.WriteLine($"inputs: {string.Join(", ", model.Inputs.Select(t => ((Input)t).Name))}");
        var batches = TweetBatches.Random(data, data.Train, BatchSize, true, context.Seed, inputs);
        var ensemble = NetworkTraining.Train(context, "C9", model, data, rows => inputs[0](rows), batches,
            TweetBatches.Steps(data.Train.Length, BatchSize), context.Epochs(20, 2),
            callbacks: [new EarlyStopping("loss", minDelta: 0.03, patience: 2)], predict: inputs);
        double lstm = trained[2].TestAccuracy;
        var table = new TextTable("model", "test acc");
        table.Add("char CNN (C3)", $"{trained[0].TestAccuracy:F3}");
        table.Add("word CNN (C5)", $"{trained[1].TestAccuracy:F3}");
        table.Add("LSTM (C7)", $"{lstm:F3}");
        table.Add("ensemble (C9)", $"{ensemble.TestAccuracy:F3}");
        table.Write(context.Output);
        context.Output.WriteLine(ensemble.TestAccuracy > lstm
            ? $"The ensemble beats the LSTM alone by {ensemble.TestAccuracy - lstm:F3} (the book's did not)."
            : $"The ensemble is not better than the LSTM alone ({ensemble.TestAccuracy - lstm:+0.000;-0.000}), " +
              "as in the book.");
        var metrics = ensemble.Metrics();
        metrics["lstm_test_acc"] = lstm;
        return new ExperimentResult(data.Tweets.Origin, metrics, ensemble.History["loss"].Count);
    }
}

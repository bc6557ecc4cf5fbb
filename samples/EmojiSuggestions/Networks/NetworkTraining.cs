using System.Diagnostics;
using DeepSeq.Layers;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>An encoder from tweet indices to one model input (a batch of one-hot characters or of word ids).
/// </summary>
public delegate Tensor<float> TweetInput(IReadOnlyList<int> rows);

/// <summary>A trained network of the chapter and what C8 and C9 need from it.</summary>
/// <param name="Model">The trained model.</param>
/// <param name="Input">What it reads.</param>
/// <param name="History">Its training history (Keras's per-epoch <c>loss</c> and <c>acc</c>).</param>
/// <param name="TestPredictions">Its class for every test tweet, in test order.</param>
/// <param name="TestAccuracy">The share of test tweets it classifies right.</param>
/// <param name="Seconds">Wall time of training and testing.</param>
public sealed record TrainedNetwork(Model Model, TweetInput Input, History History, int[] TestPredictions,
    double TestAccuracy, double Seconds)
{
    /// <summary>The training accuracy Keras prints for the last epoch (the running mean over its batches).</summary>
    public double TrainAccuracy => History["acc"][^1];

    /// <summary>The figures every network experiment reports.</summary>
    public Dictionary<string, double> Metrics() => new()
    {
        ["params"] = Model.CountParams(),
        ["train_acc"] = TrainAccuracy,
        ["test_acc"] = TestAccuracy,
        ["epochs_run"] = History["loss"].Count,
        ["seconds"] = Math.Round(Seconds, 1),
        ["seconds_per_epoch"] = Math.Round(Seconds / Math.Max(1, History["loss"].Count), 2),
    };
}

/// <summary>How the chapter's networks are trained, tested and reported: one path for all of them.</summary>
public static class NetworkTraining
{
    /// <summary>Batch size of predictions.</summary>
    public const int PredictBatch = 1024;

    /// <summary>Compiles <paramref name="model"/> as the book does (rmsprop, sparse categorical crossentropy,
    /// accuracy), prints its summary, trains it on <paramref name="batches"/> (<paramref name="steps"/> per epoch),
    /// then classifies the test tweets (read through <paramref name="predict"/>, one encoder per input, for a model
    /// with several; else <paramref name="input"/>) and prints, plots and returns the result.</summary>
    public static TrainedNetwork Train(ExperimentContext context, string id, Model model, NetworkData data,
        TweetInput input, IEnumerable<TensorDataset<float>> batches, int steps, int epochs,
        IEnumerable<TensorDataset<float>>? validation = null, int? validationSteps = null,
        IReadOnlyList<Callback>? callbacks = null, IReadOnlyList<TweetInput>? predict = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var output = context.Output;
        model.Compile("rmsprop", "sparse_categorical_crossentropy", ["acc"]);
        model.ProgressOutput = output;
        model.Summary(output);
        var clock = Stopwatch.StartNew();
        var history = model.Fit(batches, steps, epochs, validation, validationSteps, callbacks, verbose: 2);
        int[] predictions = Predict(model, data.Test, predict ?? [input]);
        double accuracy = (double)predictions.Where((p, i) => p == data.Tweets.Labels[data.Test[i]]).Count()
                          / predictions.Length;
        var trained = new TrainedNetwork(model, input, history, predictions, accuracy, clock.Elapsed.TotalSeconds);
        output.WriteLine($"{id}: train acc (last epoch) {trained.TrainAccuracy:F4}, test acc {accuracy:F4} on " +
                         $"{predictions.Length:N0} tweets ({trained.Seconds:F1} s)");
        foreach (string png in HistoryPlots.Save(history, context.OutDir, id, "loss", "acc"))
            output.WriteLine($"plot: {png}");
        return trained;
    }

    /// <summary>The class <paramref name="model"/> gives each of tweets <paramref name="rows"/> (the argmax of its
    /// output), reading them through <paramref name="inputs"/> (one encoder per model input) in batches.</summary>
    public static int[] Predict(Model model, IReadOnlyList<int> rows, IReadOnlyList<TweetInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var classes = new List<int>(rows.Count);
        foreach (int[] batch in TweetBatches.InOrder(rows, PredictBatch))
        {
            var probabilities = model.Predict([.. inputs.Select(encode => encode(batch))], PredictBatch)[0];
            classes.AddRange(probabilities.ArgMax(1).ToArray());
        }
        return [.. classes];
    }

    /// <summary>The training data as <c>fit(shuffle=True)</c> feeds it, for a model with one input: the batches of
    /// <see cref="TweetBatches.Shuffled"/>, and the steps of an epoch.</summary>
    public static (IEnumerable<TensorDataset<float>> Batches, int Steps) Shuffled(ExperimentContext context,
        NetworkData data, int batchSize, TweetInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        return (TweetBatches.Shuffled(data, data.Train, batchSize, context.Seed, input),
            TweetBatches.Steps(data.Train.Length, batchSize));
    }

    /// <summary>Prints the reference line and returns the experiment's result from <paramref name="trained"/>.
    /// </summary>
    public static ExperimentResult Result(ExperimentContext context, NetworkData data, TrainedNetwork trained,
        string reference)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trained);
        var table = new TextTable("params", "train acc", "test acc", "book");
        table.Add($"{trained.Model.CountParams():N0}", $"{trained.TrainAccuracy:F3}", $"{trained.TestAccuracy:F3}",
            reference);
        table.Write(context.Output);
        return new ExperimentResult(data.Tweets.Origin, trained.Metrics(), trained.History["loss"].Count);
    }
}

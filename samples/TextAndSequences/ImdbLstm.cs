using System.Diagnostics;
using System.Globalization;
using DeepSeq.Data;
using DeepSeq.Data.Imdb;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.TextAndSequences;

/// <summary>
/// B7, the book's LSTM on IMDB: the reviews as word ids of the 10,000 most frequent words (Keras's
/// <c>imdb.load_data(num_words=10000)</c>), cut or padded in front to 500 words (<c>pad_sequences(maxlen=500)</c>),
/// Embedding(10000, 32) → LSTM(32) → Dense(1, sigmoid): 328,353 parameters; RMSprop (Keras defaults), binary
/// crossentropy, batch 128, 10 epochs, the last 20 % of the training reviews as validation (validation_split 0.2).
/// </summary>
/// <remarks>The LSTM uses TF2's defaults (sigmoid gates); the book's Keras 2 used hard_sigmoid, which
/// <c>new Lstm(32, recurrentActivation: "hard_sigmoid")</c> gives.</remarks>
public sealed class ImdbLstm : Experiment
{
    /// <summary>Keras's <c>num_words</c> and the book's <c>maxlen</c>.</summary>
    public const int NumWords = 10_000, MaxLen = 500;

    /// <summary>Mini-batch size, as the book trains.</summary>
    public const int BatchSize = 128;

    /// <inheritdoc/>
    public override string Id => "B7";

    /// <inheritdoc/>
    public override string Title => "IMDB: Embedding(10000, 32) → LSTM(32) → Dense(1, sigmoid), maxlen 500, " +
                                    "RMSprop, batch 128, 10 epochs, validation_split 0.2";

    /// <inheritdoc/>
    public override string Reference => "328,353 params; val acc ≈ 0.89 (notebook 0.893)";

    /// <summary>The network, compiled with RMSprop and binary crossentropy, accuracy as "acc".</summary>
    public static Sequential Build()
    {
        var model = new Sequential(new InputLayer([MaxLen]), new Embedding(NumWords, 32), new Lstm(32),
            new Dense(1, "sigmoid"));
        model.Compile(new RmsProp(), "binary_crossentropy", ["acc"]);
        return model;
    }

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var reviews = ImdbData.Load(context.Options, context.Size(25_000, 1_000), context.Size(25_000, 500));
        output.WriteLine(reviews.Origin.Description);
        var (x, y) = Padded(reviews, reviews.Train);
        var (xTest, yTest) = Padded(reviews, reviews.Test);
        output.WriteLine($"x_train {x.Shape}, x_test {xTest.Shape}");

        Session.SetRandomSeed((ulong)context.Seed);
        var model = Build();
        model.ProgressOutput = output;
        model.Summary(output);
        int epochs = context.Epochs(10, 1);
        var clock = Stopwatch.StartNew();
        var history = model.Fit(x, y, batchSize: BatchSize, epochs: epochs, validationSplit: 0.2, verbose: 2);
        double secondsPerEpoch = clock.Elapsed.TotalSeconds / epochs;
        HistoryTable.Write(history, output);
        var test = model.Evaluate(xTest, yTest, batchSize: BatchSize);
        output.WriteLine($"Test ({xTest.Shape[0]} reviews): loss {F(test["loss"])}, acc {F(test["acc"])}; " +
                         $"{secondsPerEpoch:0} s per epoch on this machine");
        foreach (string png in HistoryPlots.Save(history, context.OutDir, Id, "loss", "acc"))
            output.WriteLine($"plot: {png}");
        var metrics = new Dictionary<string, double>
        {
            ["params"] = model.CountParams(),
            ["val_acc"] = history["val_acc"][^1],
            ["best_val_acc"] = history["val_acc"].Max(),
            ["test_acc"] = test["acc"],
            ["seconds_per_epoch"] = secondsPerEpoch,
        };
        return new ExperimentResult(reviews.Origin, metrics, epochs);
    }

    /// <summary>The reviews of a split as (n, 500) float word ids, padded and cut in front, and (n, 1) labels.</summary>
    private static (Tensor<float> X, Tensor<float> Y) Padded(ImdbData reviews, ImdbSplit split)
    {
        var (sequences, labels) = reviews.Sequences(split, NumWords);
        var ids = SequencePreprocessing.PadSequences(sequences, MaxLen);
        return (ids.Cast<float>(), Vectorize.Column(labels));
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}

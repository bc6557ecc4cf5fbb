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
/// What the chapter's IMDB experiments (B2, B5, B7, B13, B14, B15) share: the reviews as word ids of the 10,000 most
/// frequent words (Keras's <c>imdb.load_data(num_words=10000)</c>), cut or padded in front to <see cref="MaxLen"/>
/// words (<c>pad_sequences(maxlen)</c>), a network from <see cref="Build"/>, binary crossentropy, the last 20 % of the
/// training reviews as validation (<c>validation_split=0.2</c>, unshuffled), then the test reviews.
/// </summary>
/// <remarks>Each subclass is one experiment and says only what differs: its network, its length, its batch size, and
/// whether the reviews are read backwards (B13).</remarks>
public abstract class ImdbSequenceExperiment : Experiment
{
    /// <summary>Keras's <c>num_words</c>: the vocabulary of every IMDB experiment of the chapter.</summary>
    public const int NumWords = 10_000;

    /// <summary>The book's <c>maxlen</c>: 500 words for the recurrent and convolutional networks.</summary>
    public virtual int MaxLen => 500;

    /// <summary>Mini-batch size; 128 as the book trains its sequence models.</summary>
    public virtual int BatchSize => 128;

    /// <summary>The book's epoch count.</summary>
    public virtual int Epochs => 10;

    /// <summary>Whether each review is reversed before padding (B13's <c>x[::-1]</c>).</summary>
    public virtual bool Reversed => false;

    /// <summary>The book's parameter count, checked against the built network before training.</summary>
    public abstract long ExpectedParams { get; }

    /// <summary>The experiment's network, compiled (binary crossentropy, accuracy as "acc").</summary>
    public abstract Sequential Build();

    /// <summary>A network of <paramref name="layers"/> compiled with binary crossentropy and accuracy as "acc".
    /// </summary>
    protected static Sequential Compiled(Optimizer optimizer, params Layer[] layers)
    {
        var model = new Sequential(layers);
        model.Compile(optimizer, "binary_crossentropy", ["acc"]);
        return model;
    }

    /// <summary>The IMDB reviews of this run (all 25,000 of each split, or 1,000 / 500 in a <c>--quick</c> run),
    /// loaded once and shared by the chapter's IMDB experiments; prints where they came from.</summary>
    internal static ImdbData LoadReviews(ExperimentContext context)
    {
        int trainCount = context.Size(25_000, 1_000), testCount = context.Size(25_000, 500);
        var reviews = context.Shared($"imdb-{trainCount}-{testCount}",
            () => ImdbData.Load(context.Options, trainCount, testCount));
        context.Output.WriteLine(reviews.Origin.Description);
        return reviews;
    }

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var reviews = LoadReviews(context);
        var (x, y) = Padded(context, reviews, reviews.Train, "train");
        var (xTest, yTest) = Padded(context, reviews, reviews.Test, "test");
        output.WriteLine($"x_train {x.Shape}, x_test {xTest.Shape}" + (Reversed ? " (each review reversed)" : ""));

        Session.SetRandomSeed((ulong)context.Seed);
        var model = Build();
        model.ProgressOutput = output;
        model.Summary(output);
        if (model.CountParams() != ExpectedParams)
            throw new InvalidOperationException(
                $"{Id}: the network has {model.CountParams():N0} parameters, the book's has {ExpectedParams:N0}");
        int epochs = context.Epochs(Epochs, 1);
        var clock = Stopwatch.StartNew();
        var history = model.Fit(x, y, batchSize: BatchSize, epochs: epochs, validationSplit: 0.2, verbose: 2);
        double secondsPerEpoch = clock.Elapsed.TotalSeconds / epochs;
        HistoryTable.Write(history, output);
        var test = model.Evaluate(xTest, yTest, batchSize: BatchSize);
        output.WriteLine($"Test ({xTest.Shape[0]} reviews): loss {F(test["loss"])}, acc {F(test["acc"])}; " +
                         $"{secondsPerEpoch:0.0} s per epoch on this machine");
        foreach (string png in HistoryPlots.Save(history, context.OutDir, Id, "loss", "acc"))
            output.WriteLine($"plot: {png}");
        var valAcc = history["val_acc"];
        int best = Enumerable.Range(0, valAcc.Count).MaxBy(i => valAcc[i]);
        var metrics = new Dictionary<string, double>
        {
            ["params"] = model.CountParams(),
            ["val_acc"] = valAcc[^1],
            ["best_val_acc"] = valAcc[best],
            ["best_epoch"] = best + 1,
            ["test_acc"] = test["acc"],
            ["seconds_per_epoch"] = secondsPerEpoch,
        };
        return new ExperimentResult(reviews.Origin, metrics, epochs);
    }

    /// <summary>The reviews of a split as (n, <see cref="MaxLen"/>) float word ids, padded and cut in front (after
    /// reversing, for B13), and (n, 1) labels; the word ids are shared by the experiments of one run.</summary>
    private (Tensor<float> X, Tensor<float> Y) Padded(ExperimentContext context, ImdbData reviews, ImdbSplit split,
        string name)
    {
        var (sequences, labels) = context.Shared($"imdb-{name}-{split.Count}-ids",
            () => reviews.Sequences(split, NumWords));
        IEnumerable<IReadOnlyList<int>> ordered = Reversed ? sequences.Select(s => s.Reverse().ToArray()) : sequences;
        var ids = SequencePreprocessing.PadSequences(ordered, MaxLen);
        return (ids.Cast<float>(), Vectorize.Column(labels));
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}

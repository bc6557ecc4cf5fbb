using System.Globalization;
using DeepSeq.Data;
using DeepSeq.Data.DataSets;
using DeepSeq.Data.WordVectors;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;

namespace DeepSeq.Samples.TextAndSequences;

/// <summary>
/// B3, from raw text to word embeddings (the book's §6.1.3): the training reviews tokenised with
/// <c>Tokenizer(num_words=10000)</c>, padded and cut in front to 100 words, 200 training samples and 10,000 for
/// validation; Embedding(10000, 100) → Flatten → Dense(32, relu) → Dense(1, sigmoid), 1,320,065 parameters, trained
/// once with the embedding frozen at pretrained GloVe vectors and once learned from scratch (RMSprop, batch 32, 10
/// epochs); the GloVe model's weights saved, loaded into a fresh network, and evaluated on the test reviews.
/// </summary>
/// <remarks>
/// <para>Only the first 2,717 words of <c>glove.6B.100d</c> are in ../shared: the other words of the 10,000 get zero
/// rows, as Keras gives the words GloVe lacks; the output says how many rows were found. With no GloVe file at all
/// the vectors are a SYNTHETIC seeded stand-in, and the output says so.</para>
/// <para>The reviews are shuffled once (<see cref="ImdbData.ShuffleSeed"/>) before the 200/10,000 cut, as the book
/// shuffles with <c>np.random.shuffle</c>; its exact permutation cannot be rebuilt.</para>
/// </remarks>
public sealed class RawTextGlove : Experiment
{
    /// <summary>The book's sizes.</summary>
    public const int MaxLen = 100, MaxWords = 10_000, TrainingSamples = 200, ValidationSamples = 10_000,
        EmbeddingDim = 100;

    /// <inheritdoc/>
    public override string Id => "B3";
    /// <inheritdoc/>
    public override string Title => "IMDB raw text → Tokenizer(10000), maxlen 100, 200 training samples; " +
                                    "Embedding(10000, 100) frozen at GloVe vs learned; SaveWeights; test";
    /// <inheritdoc/>
    public override string Reference => "1,320,065 params; \"Found 88,582 unique tokens\"; GloVe val acc upper 50s, " +
                                        "from scratch low 50s; test ≈ 0.56 (notebook 0.537)";

    /// <summary>The book's network, compiled (RMSprop, binary crossentropy, accuracy as "acc"). Its layers are named,
    /// so that the weights saved from one instance fit another: <see cref="Model.LoadWeights"/> matches weights by
    /// name, where Keras's h5 <c>load_weights</c> matches them by position.</summary>
    public static Sequential Build()
    {
        var model = new Sequential(new InputLayer([MaxLen]), new Embedding(MaxWords, EmbeddingDim, name: "embedding"),
            new Flatten(name: "flatten"), new Dense(32, "relu", name: "dense"), new Dense(1, "sigmoid", name: "output"));
        model.Compile(new RmsProp(), "binary_crossentropy", ["acc"]);
        return model;
    }

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var reviews = ImdbSequenceExperiment.LoadReviews(context);
        var tokenizer = FitTokenizer(reviews.Train.Texts);
        output.WriteLine($"Found {tokenizer.WordIndex.Count.ToString("N0", CultureInfo.InvariantCulture)} unique " +
                         "tokens.");
        var data = Padded(tokenizer, reviews.Train.Texts);
        var labels = Vectorize.Column(reviews.Train.Labels);
        output.WriteLine($"Shape of data tensor: {data.Shape}; of label tensor: {labels.Shape}");
        int train = context.Size(TrainingSamples, 100), validation = context.Size(ValidationSamples, 400);
        var (xTrain, yTrain) = (data.Narrow(0, 0, train), labels.Narrow(0, 0, train));
        var validationData = new TensorDataset<float>(data.Narrow(0, train, validation),
            labels.Narrow(0, train, validation));

        var (matrix, found) = Embeddings(context, tokenizer);
        int epochs = context.Epochs(10, 1);
        Session.SetRandomSeed((ulong)context.Seed);
        var glove = Build();
        glove.Summary(output);
        glove.Layers[0].SetWeights([matrix]);
        glove.Layers[0].Trainable = false;
        output.WriteLine($"GloVe, frozen ({found} of the {MaxWords - 1} words found):");
        var gloveHistory = glove.Fit(xTrain, yTrain, batchSize: 32, epochs: epochs, validationData: validationData,
            verbose: 2);
        string weights = context.OutPath("B3_pre_trained_glove_model.safetensors");
        glove.SaveWeights(weights);
        output.WriteLine($"weights: {weights}");

        Session.SetRandomSeed((ulong)context.Seed);
        var scratch = Build();
        output.WriteLine("Learned from scratch:");
        var scratchHistory = scratch.Fit(xTrain, yTrain, batchSize: 32, epochs: epochs,
            validationData: validationData, verbose: 2);

        var reloaded = Build();
        reloaded.LoadWeights(weights);
        var xTest = Padded(tokenizer, reviews.Test.Texts);
        var test = reloaded.Evaluate(xTest, Vectorize.Column(reviews.Test.Labels), batchSize: 128);
        output.WriteLine($"Test ({xTest.Shape[0]} reviews, the saved GloVe weights): loss {F(test["loss"])}, " +
                         $"acc {F(test["acc"])}");
        foreach (var (history, name) in new[] { (gloveHistory, "B3_glove"), (scratchHistory, "B3_scratch") })
            foreach (string png in HistoryPlots.Save(history, context.OutDir, name, "loss", "acc"))
                output.WriteLine($"plot: {png}");
        var metrics = new Dictionary<string, double>
        {
            ["params"] = glove.CountParams(),
            ["unique_tokens"] = tokenizer.WordIndex.Count,
            ["glove_rows_found"] = found,
            ["glove_best_val_acc"] = gloveHistory["val_acc"].Max(),
            ["scratch_best_val_acc"] = scratchHistory["val_acc"].Max(),
            ["test_acc"] = test["acc"],
        };
        return new ExperimentResult(reviews.Origin, metrics, epochs);
    }

    /// <summary>The book's <c>Tokenizer(num_words=10000)</c> fitted on <paramref name="texts"/>.</summary>
    public static Tokenizer FitTokenizer(IEnumerable<string> texts)
    {
        var tokenizer = new Tokenizer(numWords: MaxWords);
        tokenizer.FitOnTexts(texts);
        return tokenizer;
    }

    /// <summary>The texts as (n, 100) float word ids, padded and cut in front.</summary>
    public static Tensor<float> Padded(Tokenizer tokenizer, IEnumerable<string> texts) =>
        SequencePreprocessing.PadSequences(tokenizer.TextsToSequences(texts), MaxLen).Cast<float>();

    /// <summary>The (10000, 100) embedding matrix from GloVe, or a SYNTHETIC seeded one when the file is not
    /// found; and how many of the words 1–9,999 have a vector.</summary>
    private static (Tensor<float> Matrix, int Found) Embeddings(ExperimentContext context, Tokenizer tokenizer)
    {
        var files = DataFiles.Find("glove", context.Options, out string why);
        Tensor<float> matrix;
        if (files is null)
        {
            context.Output.WriteLine($"GloVe: SYNTHETIC stand-in ({why}): seeded random vectors, NOT pretrained");
            matrix = Tensor.RandomUniform<float>(new Shape(MaxWords, EmbeddingDim),
                new Generator((ulong)context.Seed), -0.5f, 0.5f);
        }
        else
        {
            matrix = GloVe.LoadMatrix(files[0], tokenizer.WordIndex, MaxWords, EmbeddingDim);
            context.Output.WriteLine($"GloVe: {DataSetInfo.Show(files[0])}; only the first 2,717 words of " +
                                     "glove.6B.100d are here, so most rows stay zero");
        }
        var rows = matrix.Narrow(0, 1, MaxWords - 1).Abs().Sum(1).ToArray();
        return (matrix, rows.Count(s => s > 0));
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}

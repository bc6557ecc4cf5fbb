using System.Diagnostics;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmbeddingsAndCnn;

/// <summary>
/// D2, word2vec from scratch (skip-gram with a full softmax): on the first 100 Reuters "crude" articles
/// (<see cref="CrudeCorpus"/>), every (centre, context) pair within a window of 2; the one-hot centre word goes
/// through Dense(2) — the 2-d embedding, one row of its kernel per word — and Dense(vocabulary, softmax) predicts
/// the context word. Adam (Keras defaults), categorical crossentropy, 1,000 epochs.
/// </summary>
/// <remarks>The homework does not give a batch size, so <c>fit</c>'s default, 32, is used. <see cref="FindSimilar"/>
/// lists a word's 10 nearest words by Euclidean distance between embeddings, and the listed words are plotted in the
/// embedding plane.</remarks>
public sealed class Word2Vec : Experiment
{
    /// <inheritdoc/>
    public override string Id => "D2";

    /// <inheritdoc/>
    public override string Title => "word2vec from scratch on Reuters 'crude' (first 100 articles, window 2): " +
                                    "one-hot centre → Dense(2) → Dense(vocab, softmax), Adam, 1,000 epochs";

    /// <inheritdoc/>
    public override string Reference => "final loss ≈ 6.18; related oil-market words land near each other";

    /// <summary>Words before and after the centre that count as its context.</summary>
    public const int Window = 2;

    /// <summary>The embedding's dimensions (2, so it can be plotted as it is).</summary>
    public const int EmbeddingSize = 2;

    /// <summary>The words the homework plots (those not in the vocabulary are skipped).</summary>
    public static readonly string[] PlottedWords =
        ["iran", "kuwait", "iraq", "saudi", "opec", "oil", "crude", "gas", "barrels", "prices", "industry",
         "industries", "company", "production", "output", "refinery"];

    /// <summary>The network for a vocabulary of <paramref name="vocabulary"/> words, compiled with Adam and
    /// categorical crossentropy.</summary>
    public static Sequential Build(int vocabulary)
    {
        var model = new Sequential(new InputLayer([vocabulary]), new Dense(EmbeddingSize, name: "embedding"),
            new Dense(vocabulary, "softmax"));
        model.Compile(new Adam(), "categorical_crossentropy");
        return model;
    }

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var corpus = CrudeCorpus.Load(context.Options, context.Size(100, 20));
        output.WriteLine(corpus.Origin.Description);
        var pairs = corpus.Pairs(Window);
        int vocabulary = corpus.Vocabulary.Count;
        output.WriteLine($"{corpus.Documents.Sum(d => d.Length)} words after cleaning, a vocabulary of {vocabulary}, " +
                         $"{pairs.Count} (centre, context) pairs within ±{Window}");
        var x = Vectorize.OneHot([.. pairs.Select(p => p.Centre)], vocabulary);
        var y = Vectorize.OneHot([.. pairs.Select(p => p.Context)], vocabulary);

        Session.SetRandomSeed((ulong)context.Seed);
        var model = Build(vocabulary);
        model.ProgressOutput = output;
        model.Summary(output);
        int epochs = context.Epochs(1000, 5);
        var clock = Stopwatch.StartNew();
        var history = model.Fit(x, y, batchSize: 32, epochs: epochs, verbose: 0,
            callbacks: [new LambdaCallback(onEpochEnd: (epoch, logs) =>
            {
                if ((epoch + 1) % 50 == 0 || epoch == 0 || epoch + 1 == epochs)
                    output.WriteLine($"epoch {epoch + 1}/{epochs}: loss {logs["loss"]:0.0000} " +
                                     $"({clock.Elapsed.TotalSeconds:0} s)");
                // Every 250 epochs, what the embedding looks like so far (the plot is rewritten each time).
                if ((epoch + 1) % 250 == 0 && epoch + 1 < epochs) Show(context, corpus, model);
            })]);
        double loss = history["loss"][^1];
        output.WriteLine($"Final loss {loss:0.0000} (ln of the vocabulary, a uniform guess: {Math.Log(vocabulary):0.00})");
        Show(context, corpus, model);
        return new ExperimentResult(corpus.Origin, new Dictionary<string, double>
        {
            ["final_loss"] = loss,
            ["vocabulary"] = vocabulary,
            ["pairs"] = pairs.Count,
        }, epochs);
    }

    /// <summary>Prints the nearest words of a few oil-market words and writes the plot of the listed words.</summary>
    private void Show(ExperimentContext context, CrudeCorpus corpus, Sequential model)
    {
        var embedding = Embeddings(model, corpus.Vocabulary.Count);
        var similar = new TextTable("word", "10 nearest by Euclidean distance");
        foreach (string word in new[] { "iran", "oil", "gas", "industry" }.Where(corpus.Vocabulary.Contains))
            similar.Add(word, string.Join(", ", FindSimilar(word, corpus.Vocabulary, embedding)));
        similar.Write(context.Output);
        context.Output.WriteLine($"plot: {Plot(context.OutPath($"{Id}_embedding.png"), corpus.Vocabulary, embedding)}");
    }

    /// <summary>The 2-d embedding of every word: row i of the first Dense layer's kernel, which a one-hot input
    /// of word i selects.</summary>
    public static float[][] Embeddings(Sequential model, int vocabulary)
    {
        ArgumentNullException.ThrowIfNull(model);
        float[] kernel = model.GetLayer("embedding").GetWeights<float>()[0].ToArray();   // (vocabulary, 2)
        return [.. Enumerable.Range(0, vocabulary).Select(i => kernel[(i * EmbeddingSize)..((i + 1) * EmbeddingSize)])];
    }

    /// <summary>The <paramref name="count"/> words nearest <paramref name="word"/> by Euclidean distance between
    /// embeddings, nearest first (the word itself excluded).</summary>
    public static IReadOnlyList<string> FindSimilar(string word, IReadOnlyList<string> vocabulary,
        IReadOnlyList<float[]> embedding, int count = 10)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(embedding);
        int id = IndexOf(vocabulary, word);
        if (id < 0) throw new KeyNotFoundException($"find_similar: '{word}' is not in the vocabulary");
        return [.. Enumerable.Range(0, vocabulary.Count).Where(i => i != id)
            .OrderBy(i => Distance(embedding[i], embedding[id])).ThenBy(i => i)
            .Take(count).Select(i => vocabulary[i])];

        static double Distance(float[] a, float[] b) =>
            Math.Sqrt(a.Zip(b, (u, v) => (double)(u - v) * (u - v)).Sum());
    }

    private static string Plot(string path, IReadOnlyList<string> vocabulary, IReadOnlyList<float[]> embedding)
    {
        var plot = new ScottPlot.Plot();
        var shown = PlottedWords.Select(word => (Word: word, Id: IndexOf(vocabulary, word))).Where(p => p.Id >= 0)
            .Select(p => (p.Word, X: (double)embedding[p.Id][0], Y: (double)embedding[p.Id][1])).ToList();
        foreach (var (word, x, y) in shown)
        {
            plot.Add.Marker(x, y).Color = ScottPlot.Colors.SteelBlue;
            var label = plot.Add.Text(word, x, y);
            label.LabelFontSize = 13;
            label.OffsetX = 6;
        }
        if (shown.Count > 0)
        {
            // Limits set by hand: autoscaling fits the points, and the labels right of them would be cut off.
            double left = shown.Min(p => p.X), right = shown.Max(p => p.X);
            double bottom = shown.Min(p => p.Y), top = shown.Max(p => p.Y);
            double dx = Math.Max(right - left, 1e-3), dy = Math.Max(top - bottom, 1e-3);
            plot.Axes.SetLimits(left - 0.05 * dx, right + 0.2 * dx, bottom - 0.08 * dy, top + 0.08 * dy);
        }
        plot.Title("word2vec on Reuters 'crude': the 2-d embedding");
        plot.XLabel("dimension 1");
        plot.YLabel("dimension 2");
        return PlotFiles.SavePng(plot, path, 720, 560);
    }

    /// <summary>The position of <paramref name="word"/> in <paramref name="vocabulary"/>, or −1.</summary>
    private static int IndexOf(IReadOnlyList<string> vocabulary, string word)
    {
        for (int i = 0; i < vocabulary.Count; i++)
            if (string.Equals(vocabulary[i], word, StringComparison.Ordinal)) return i;
        return -1;
    }
}

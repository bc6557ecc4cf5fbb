using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DeepSeq.Data;
using DeepSeq.Data.WordVectors;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>
/// C6, our own word2vec on the tweets (<see cref="Word2VecTrainer"/>: gensim's defaults, CBOW with 5 negative
/// samples, window 5, 100 dimensions, 5 epochs, <c>min_count=2</c>), the tweets cleaned as the book cleans them:
/// HTML entities unescaped, URLs and a leading "RT " dropped, non-ASCII characters removed; then split into words as
/// the Keras tokenizer of C5 splits them (lower case, punctuation removed), so the vectors match its words.
/// </summary>
/// <remarks>These vectors stand in for the book's GoogleNews word2vec in C5 (and initialise C7's embedding), which
/// cannot be had here (only 2,717 GloVe words are in <c>data/glove</c>).</remarks>
public sealed partial class TweetWord2Vec : Experiment
{
    /// <summary>The word queried.</summary>
    public const string Query = "love";

    /// <inheritdoc/>
    public override string Id => "C6";

    /// <inheritdoc/>
    public override string Title => "Our own word2vec on the cleaned tweets (CBOW, gensim defaults, min_count 2); " +
                                    "MostSimilar(\"love\")";

    /// <inheritdoc/>
    public override string Reference => "book: miss 0.82, hope 0.81, loved 0.80, appreciate 0.80";

    /// <summary>A tweet cleaned as the book cleans it (see the class summary).</summary>
    public static string Clean(string tweet)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        string text = Url().Replace(WebUtility.HtmlDecode(tweet), "");
        if (text.StartsWith("RT ", StringComparison.Ordinal)) text = text[3..];
        return new string([.. text.Where(c => c < 128)]);
    }

    /// <summary>The vectors of this run, trained once (C5 and C7 reuse them).</summary>
    public static WordVectors Trained(ExperimentContext context) => context.Shared("emoji.C6", () =>
    {
        var data = NetworkData.Load(context);
        IReadOnlyList<string>[] sentences = [.. data.Tweets.Texts.Select(t =>
            (IReadOnlyList<string>)TextPreprocessing.TextToWordSequence(Clean(t)))];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var vectors = Word2VecTrainer.Train(sentences, new Word2VecOptions(MinCount: 2, Seed: context.Seed));
        context.Output.WriteLine($"C6: word2vec (CBOW, gensim defaults, min_count 2) on {sentences.Length:N0} " +
                                 $"cleaned tweets: {vectors.Words.Count:N0} words × {vectors.VectorSize} in " +
                                 $"{clock.Elapsed.TotalSeconds:F1} s");
        return vectors;
    });

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vectors = Trained(context);
        var metrics = new Dictionary<string, double> { ["words"] = vectors.Words.Count };
        string query = vectors.Contains(Query) ? Query : vectors.Words[0];
        if (query != Query) context.Output.WriteLine($"'{Query}' has no vector here; querying '{query}' instead");
        var table = new TextTable("word", "cosine");
        foreach (var (word, similarity) in vectors.MostSimilar(query))
            table.Add(word, similarity.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        context.Output.WriteLine($"MostSimilar(\"{query}\"):");
        table.Write(context.Output);
        metrics["top_similarity"] = vectors.MostSimilar(query, 1)[0].Similarity;
        return new ExperimentResult(NetworkData.Load(context).Tweets.Origin, metrics, 5);
    }

    [GeneratedRegex(@"(https?://|www\.)\S*", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}

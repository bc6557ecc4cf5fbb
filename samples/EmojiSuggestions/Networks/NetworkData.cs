using DeepSeq.Data;
using DeepSeq.Layers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.EmojiSuggestions.Tweets;
using DeepSeq.Samples.Experiments;

namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>
/// What the networks of C3–C9 train on: the tweets split as the book splits them for its character CNN, the first
/// 90 % for training and the last 10 % for testing, unshuffled (36,000 / 4,000 on the emotion tweets), and two
/// encodings of every tweet: one-hot characters (<see cref="CharacterEncoding"/>, C3/C4) and word ids (C5/C7).
/// </summary>
/// <remarks>The word models use the same split as the character models (the book reuses its split point for
/// them), so that C8 compares the three models on the same test tweets and C9 can feed one tweet to all three.
/// Words: <c>Tokenizer(num_words=50000)</c> fitted on every tweet, <c>pad_sequences</c> (zeros in front) to the
/// longest tweet, at least <see cref="MinimumWords"/>.</remarks>
public sealed class NetworkData
{
    /// <summary>The training fraction of the unshuffled split.</summary>
    public const double TrainFraction = 0.9;

    /// <summary>The tokenizer's vocabulary cap (<c>num_words</c>).</summary>
    public const int MaxWords = 50_000;

    /// <summary>The shortest word sequence C5 can take: its window-3 stack needs
    /// ⌊(⌊(L − 2) / 2⌋ − 2) / 2⌋ − 2 ≥ 1, so L ≥ 18.</summary>
    public const int MinimumWords = 18;

    private NetworkData(TweetData tweets)
    {
        Tweets = tweets;
        int split = (int)(tweets.Count * TrainFraction);
        if (split == 0 || split == tweets.Count)
            throw new ArgumentException($"networks: {tweets.Count} tweets leave an empty training or test part");
        Train = [.. Enumerable.Range(0, split)];
        Test = [.. Enumerable.Range(split, tweets.Count - split)];
        Characters = CharacterEncoding.Fit(tweets.Texts);
        Tokenizer = new Tokenizer(numWords: MaxWords);
        Tokenizer.FitOnTexts(tweets.Texts);
        var sequences = Tokenizer.TextsToSequences(tweets.Texts);
        LongestWords = sequences.Max(s => s.Length);
        Words = SequencePreprocessing.PadSequences(sequences, Math.Max(LongestWords, MinimumWords)).Cast<float>();
        Labels = Vectorize.Column(tweets.Labels);
    }

    /// <summary>The tweets.</summary>
    public TweetData Tweets { get; }

    /// <summary>The number of classes.</summary>
    public int Classes => Tweets.Classes.Count;

    /// <summary>The training tweets (the first 90 %) and the test tweets (the rest), as indices.</summary>
    public int[] Train { get; }

    /// <inheritdoc cref="Train"/>
    public int[] Test { get; }

    /// <summary>The one-hot character encoding, fitted on every tweet.</summary>
    public CharacterEncoding Characters { get; }

    /// <summary>The word tokenizer, fitted on every tweet.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>Rows of the embedding: word ids run from 1 to this − 1 (0 is the padding).</summary>
    public int Vocabulary => Math.Min(MaxWords, Tokenizer.WordIndex.Count + 1);

    /// <summary>Every tweet's word ids, (tweets, padded length), as floats (the Embedding's input).</summary>
    public Tensor<float> Words { get; }

    /// <summary>The longest tweet in words.</summary>
    public int LongestWords { get; }

    /// <summary>Every tweet's class, (tweets, 1).</summary>
    public Tensor<float> Labels { get; }

    /// <summary>The one-hot characters of tweets <paramref name="rows"/> (a batch).</summary>
    public Tensor<float> CharacterBatch(IReadOnlyList<int> rows) => Characters.OneHot(Tweets.Texts, rows);

    /// <summary>The word ids of tweets <paramref name="rows"/>.</summary>
    public Tensor<float> WordBatch(IReadOnlyList<int> rows) => Words.IndexSelect(0, Tensor.FromArray(rows.ToArray()));

    /// <summary>The labels of tweets <paramref name="rows"/>.</summary>
    public Tensor<float> LabelBatch(IReadOnlyList<int> rows)
        => Labels.IndexSelect(0, Tensor.FromArray(rows.ToArray()));

    /// <summary>The networks' data for <paramref name="tweets"/> (<see cref="Load"/> builds it for a run).</summary>
    public static NetworkData Create(TweetData tweets)
        => new(tweets ?? throw new ArgumentNullException(nameof(tweets)));

    /// <summary>The data of this run, built once and shared by the experiments of one <c>run</c>.</summary>
    public static NetworkData Load(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Shared("emoji.networks.data", () =>
        {
            var data = new NetworkData(TweetData.Load(context.Options));
            context.Output.WriteLine(data.Tweets.Origin.Description);
            context.Output.WriteLine(
                $"split: first {data.Train.Length:N0} tweets train, last {data.Test.Length:N0} test (unshuffled); " +
                $"{data.Characters.Chars.Count} characters, the longest tweet {data.Characters.Longest} " +
                $"(padded to {data.Characters.Length}); {data.Tokenizer.WordIndex.Count:N0} words " +
                $"({data.Vocabulary:N0} embedding rows), the longest tweet {data.LongestWords} words " +
                $"(padded to {data.Words.Shape[1]})");
            return data;
        });
    }

    /// <summary>A batch of tweets <paramref name="rows"/> with one input per encoder, in model input order.</summary>
    public TensorDataset<float> Batch(IReadOnlyList<int> rows, IReadOnlyList<TweetInput> inputs)
        => new([.. inputs.Select(encode => encode(rows))], [LabelBatch(rows)]);
}

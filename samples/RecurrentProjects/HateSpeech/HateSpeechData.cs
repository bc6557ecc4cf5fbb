using DeepSeq.Data;
using DeepSeq.Data.Loaders;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.Data;

namespace DeepSeq.Samples.RecurrentProjects.HateSpeech;

/// <summary>
/// E8's data: the Davidson tweets cleaned by <see cref="TweetCleaning"/>, split as the project: 30 % test
/// (scikit-learn's <c>train_test_split</c> sizes, seed 42), then 10 % of the training part for validation (a second
/// split of the same kind). Or, without the file, a SYNTHETIC stand-in of three word pools.
/// </summary>
public sealed class HateSpeechData
{
    /// <summary>The seed of both splits (<c>random_state=42</c>).</summary>
    public const ulong SplitSeed = 42;

    private HateSpeechData(DataOrigin origin, string[] texts, int[] labels)
    {
        Origin = origin;
        Texts = texts;
        Labels = labels;
        var outer = TrainTestSplit.Indices(texts.Length, 0.3, SplitSeed);
        var inner = TrainTestSplit.Indices(outer.Train.Length, 0.1, SplitSeed);
        (Train, Validation, Test) = ([.. inner.Train.Select(i => outer.Train[i])],
            [.. inner.Test.Select(i => outer.Train[i])], outer.Test);
    }

    /// <summary>Real or SYNTHETIC, and which file.</summary>
    public DataOrigin Origin { get; }
    /// <summary>Every tweet, cleaned.</summary>
    public string[] Texts { get; }
    /// <summary>Every tweet's class: 0 hate speech, 1 offensive language, 2 neither.</summary>
    public int[] Labels { get; }
    /// <summary>The rows of each part.</summary>
    public int[] Train { get; }
    /// <inheritdoc cref="Train"/>
    public int[] Validation { get; }
    /// <inheritdoc cref="Train"/>
    public int[] Test { get; }

    /// <summary>Loads and cleans the tweets (the first <paramref name="limit"/> only, when given: <c>--quick</c>).
    /// </summary>
    public static HateSpeechData Load(RunOptions options, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (DataFiles.Find("hate_speech", options, out string why) is not { } files)
            return Synthetic(limit ?? 3000, why);
        var tweets = HateSpeechTweets.Load(files[0]);
        int n = Math.Min(tweets.Count, limit ?? int.MaxValue);
        return new HateSpeechData(new DataOrigin("hate_speech", false, files[0],
                $"Hate speech: real Davidson et al. tweets ({files[0]}), {n:N0} of {tweets.Count:N0}, cleaned"),
            [.. tweets.Texts.Take(n).Select(TweetCleaning.Clean)], [.. tweets.Labels.Take(n)]);
    }

    /// <summary>Tweets of 6–12 words from a shared pool with a few words of their class's pool, the classes in
    /// the real data's proportions (6 % / 77 % / 17 %).</summary>
    private static HateSpeechData Synthetic(int count, string why)
    {
        string[] common = ["the", "i", "you", "this", "is", "so", "at", "my", "day", "just", "going", "to", "with"];
        string[][] pools = [["hate", "disgusting", "vermin", "filthy"], ["damn", "stupid", "trash", "shut"],
            ["game", "birds", "coffee", "music"]];
        var random = new Random(DeepSeq.Data.DataSets.DataSets.SyntheticSeed);
        var texts = new string[count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            double u = random.NextDouble();
            labels[i] = u < 0.06 ? 0 : u < 0.83 ? 1 : 2;
            texts[i] = string.Join(' ', Enumerable.Range(0, random.Next(6, 13)).Select(_ => random.Next(3) == 0
                ? pools[labels[i]][random.Next(4)] : common[random.Next(common.Length)]));
        }
        return new HateSpeechData(new DataOrigin("hate_speech", true, null,
            $"Hate speech: SYNTHETIC stand-in ({why}): {count:N0} tweets from word pools, NOT real tweets"),
            texts, labels);
    }
}

using DeepSeq.Samples.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Tweets;

/// <summary>
/// The SYNTHETIC stand-in for the emotion tweets: the same 13 class names in the real file's proportions, each
/// tweet 6–14 words, a third of them drawn from its class's own eight words (<c>sadness3</c>) and the rest from 300
/// shared ones (<c>w042</c>). Learnable, but nothing it measures says anything about real tweets.
/// </summary>
public static class SyntheticTweets
{
    /// <summary>The real file's classes and their tweet counts (SOURCE.md), sorted by name.</summary>
    public static readonly IReadOnlyList<(string Class, int Count)> RealCounts =
    [
        ("anger", 110), ("boredom", 179), ("empty", 827), ("enthusiasm", 759), ("fun", 1_776), ("happiness", 5_209),
        ("hate", 1_323), ("love", 3_842), ("neutral", 8_638), ("relief", 1_526), ("sadness", 5_165),
        ("surprise", 2_187), ("worry", 8_459),
    ];

    /// <summary><paramref name="count"/> seeded tweets; <paramref name="why"/> says in the origin line why the
    /// stand-in is used.</summary>
    public static TweetData Generate(int count, int seed, string why)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new Random(seed);
        double total = RealCounts.Sum(c => c.Count);
        var texts = new string[count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            double u = random.NextDouble() * total;
            int label = 0;
            while (label < RealCounts.Count - 1 && (u -= RealCounts[label].Count) >= 0) label++;
            int words = 6 + random.Next(9);
            texts[i] = string.Join(' ', Enumerable.Range(0, words).Select(_ => random.NextDouble() < 1.0 / 3
                ? $"{RealCounts[label].Class}{random.Next(8)}"
                : $"w{random.Next(300):D3}"));
            labels[i] = label;
        }
        return new TweetData(texts, labels, [.. RealCounts.Select(c => c.Class)], new DataOrigin("text_emotion", true,
            null, $"Emotion tweets: SYNTHETIC stand-in ({why}): {count:N0} generated tweets of 13 classes, seed " +
                  $"{seed}, NOT real tweets"));
    }
}

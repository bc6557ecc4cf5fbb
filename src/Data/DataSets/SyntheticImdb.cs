using DeepSeq.Data.Imdb;

namespace DeepSeq.Data.DataSets;

/// <summary>
/// A SYNTHETIC stand-in for IMDB: random "reviews" over a small fixed vocabulary, in which positive reviews use more
/// positive words and negative reviews more negative ones. Not real data; it only lets a sample run end to end.
/// </summary>
/// <remarks>
/// <para>Each review is 20–60 words. Every word is a neutral word, except that with probability 0.15 it is a word of
/// the review's own sentiment and with probability 0.05 one of the opposite sentiment. So a bag-of-words model can
/// learn the label well, but not perfectly: the signal is there, and so is noise.</para>
/// <para>Labels alternate 1, 0, 1, 0 … (exactly balanced, as the real 12,500/12,500 splits); ratings follow IMDB's
/// rule (pos 7–10, neg 1–4); paths look like <c>synthetic/train/pos/0_9.txt</c>. The same seed gives the same
/// reviews.</para>
/// </remarks>
public static class SyntheticImdb
{
    /// <summary>Words that carry no sentiment.</summary>
    public static readonly IReadOnlyList<string> NeutralWords =
    [
        "the", "a", "and", "of", "to", "is", "this", "movie", "film", "plot", "story", "actor", "scene", "it", "was",
        "i", "with", "ending",
    ];

    /// <summary>Words of positive reviews.</summary>
    public static readonly IReadOnlyList<string> PositiveWords =
        ["great", "wonderful", "loved", "brilliant", "superb", "moving"];

    /// <summary>Words of negative reviews.</summary>
    public static readonly IReadOnlyList<string> NegativeWords =
        ["awful", "boring", "terrible", "hated", "dull", "waste"];

    /// <summary>A train and a test split of synthetic reviews; the test split uses its own stream of the same
    /// seed.</summary>
    public static (ImdbSplit Train, ImdbSplit Test) Generate(int trainCount, int testCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        var random = new Random(seed);
        return (Split("train", trainCount, random), Split("test", testCount, random));
    }

    private static ImdbSplit Split(string name, int count, Random random)
    {
        var texts = new string[count];
        var labels = new int[count];
        var ratings = new int[count];
        var paths = new string[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (i + 1) % 2;
            bool positive = labels[i] == 1;
            ratings[i] = positive ? random.Next(7, 11) : random.Next(1, 5);
            IReadOnlyList<string> own = positive ? PositiveWords : NegativeWords;
            IReadOnlyList<string> other = positive ? NegativeWords : PositiveWords;
            var words = new string[random.Next(20, 61)];
            for (int w = 0; w < words.Length; w++)
            {
                double u = random.NextDouble();
                IReadOnlyList<string> pool = u < 0.15 ? own : u < 0.20 ? other : NeutralWords;
                words[w] = pool[random.Next(pool.Count)];
            }
            texts[i] = string.Join(' ', words) + ".";
            paths[i] = $"synthetic/{name}/{(positive ? "pos" : "neg")}/{i}_{ratings[i]}.txt";
        }
        return new ImdbSplit(texts, labels, ratings, paths);
    }
}

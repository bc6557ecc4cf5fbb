using DeepSeq.Layers;

namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>
/// The batch generators the networks train from (Keras <c>fit(generator, steps_per_epoch)</c>); each batch is encoded
/// when it is drawn, so the one-hot characters of all 36,000 training tweets (2.4 GB) never exist at once.
/// </summary>
public static class TweetBatches
{
    /// <summary>What <c>fit(x, y, batch_size, shuffle=True)</c> feeds: every epoch a fresh permutation of
    /// <paramref name="rows"/> cut into batches of <paramref name="batchSize"/>, the last one shorter; endless.
    /// <see cref="Steps"/> gives the steps of one epoch.</summary>
    public static IEnumerable<TensorDataset<float>> Shuffled(NetworkData data, IReadOnlyList<int> rows,
        int batchSize, int seed, params TweetInput[] inputs)
    {
        ArgumentNullException.ThrowIfNull(data);
        Check(rows, batchSize);
        var random = new Random(seed);
        int[] order = [.. rows];
        while (true)
        {
            random.Shuffle(order);
            for (int start = 0; start < order.Length; start += batchSize)
                yield return data.Batch(order[start..Math.Min(order.Length, start + batchSize)], inputs);
        }
    }

    /// <summary>The book's generators: each batch <paramref name="batchSize"/> tweets drawn at random from
    /// <paramref name="rows"/>, without replacement within the batch (Python's <c>random.sample</c>, C4) or with it
    /// (NumPy's <c>randint</c>, C9); endless.</summary>
    public static IEnumerable<TensorDataset<float>> Random(NetworkData data, IReadOnlyList<int> rows, int batchSize,
        bool replace, int seed, params TweetInput[] inputs)
    {
        ArgumentNullException.ThrowIfNull(data);
        Check(rows, batchSize);
        var random = new Random(seed);
        int size = Math.Min(batchSize, rows.Count);
        int[] pool = [.. rows];
        while (true)
        {
            if (replace)
                yield return data.Batch([.. Enumerable.Range(0, size).Select(_ => pool[random.Next(pool.Length)])],
                    inputs);
            else
            {
                // A partial Fisher–Yates shuffle: the first `size` slots become a sample without replacement.
                for (int i = 0; i < size; i++)
                {
                    int j = random.Next(i, pool.Length);
                    (pool[i], pool[j]) = (pool[j], pool[i]);
                }
                yield return data.Batch(pool[..size], inputs);
            }
        }
    }

    /// <summary>The steps of one pass over <paramref name="rows"/> in batches of <paramref name="batchSize"/>
    /// (⌈rows / batch⌉).</summary>
    public static int Steps(int rows, int batchSize) => Math.Max(1, (rows + batchSize - 1) / batchSize);

    /// <summary>Every row in batches of <paramref name="batchSize"/>, in order, once (for predictions).</summary>
    public static IEnumerable<int[]> InOrder(IReadOnlyList<int> rows, int batchSize)
    {
        for (int start = 0; start < rows.Count; start += batchSize)
            yield return [.. rows.Skip(start).Take(batchSize)];
    }

    private static void Check(IReadOnlyList<int> rows, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("batches: no tweets to draw from");
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
    }
}

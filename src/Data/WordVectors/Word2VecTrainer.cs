namespace DeepSeq.Data.WordVectors;

/// <summary>
/// The settings of <see cref="Word2VecTrainer.Train"/>, each defaulting to gensim's <c>Word2Vec</c> default (gensim
/// 4: <c>vector_size=100, window=5, min_count=5, sample=1e-3, negative=5, alpha=0.025, min_alpha=0.0001, epochs=5,
/// cbow_mean=1, sg=0</c>).
/// </summary>
/// <param name="VectorSize">Dimensions of a vector (gensim <c>vector_size</c>).</param>
/// <param name="Window">The largest distance between the centre word and a context word; each centre word draws a
/// reduced window b ∈ [0, window) and uses window − b, as gensim and the C tool do (<c>window</c>).</param>
/// <param name="MinCount">Words seen fewer times than this are dropped before training (<c>min_count</c>).</param>
/// <param name="Sample">The frequent-word subsampling threshold (<c>sample</c>; 0 turns it off).</param>
/// <param name="Negative">Negative samples per target word (<c>negative</c>).</param>
/// <param name="Alpha">The learning rate at the start (<c>alpha</c>), decayed linearly to
/// <paramref name="MinAlpha"/> over all epochs (<c>min_alpha</c>).</param>
/// <param name="MinAlpha">The learning rate at the end.</param>
/// <param name="Epochs">Passes over the corpus (<c>epochs</c>).</param>
/// <param name="Seed">Seeds the initial vectors, the reduced windows, subsampling and negative draws (<c>seed</c>;
/// single-threaded, so the same seed gives the same vectors bit for bit, unlike gensim's worker threads).</param>
public sealed record Word2VecOptions(int VectorSize = 100, int Window = 5, int MinCount = 5, double Sample = 1e-3,
    int Negative = 5, double Alpha = 0.025, double MinAlpha = 0.0001, int Epochs = 5, int Seed = 1);

/// <summary>
/// Trains word2vec's CBOW with negative sampling (Mikolov et al. 2013; gensim's <c>Word2Vec(sg=0, hs=0,
/// cbow_mean=1)</c>) on plain float arrays: the mean of the context words' input vectors predicts the centre word
/// against <see cref="Word2VecOptions.Negative"/> noise words drawn from the unigram distribution raised to ¾.
/// </summary>
/// <remarks>
/// <para>One step, for centre word w with context words c₁…cₙ (h = mean of their input vectors vᵢ, u the output
/// vectors, σ the logistic function, α the current learning rate):</para>
/// <code>
/// for t in {w (label 1), n₁…n_k (label 0)}:   g = α · (label − σ(h·u_t));  e += g · u_t;  u_t += g · h
/// for every context word cᵢ:                  vᵢ += e              (gensim and word2vec.c add e undivided)
/// </code>
/// <para>As in gensim: the vocabulary keeps words with count ≥ min_count, sorted by count (ties in order of first
/// appearance); a word with count f is kept with probability (√(f/t) + 1)·t/f where t = sample × (words kept); a
/// dropped word is removed before the windows are taken, so the window reaches past it; a noise word equal to the
/// centre word is skipped; input vectors start uniform in [−1/size, 1/size), output vectors at zero.</para>
/// </remarks>
public static class Word2VecTrainer
{
    /// <summary>Trains on <paramref name="sentences"/> (each a list of tokens) with <paramref name="options"/>
    /// (gensim's defaults when null).</summary>
    /// <exception cref="ArgumentException">A setting is out of range, or no word reaches the minimum count.</exception>
    public static WordVectors Train(IReadOnlyList<IReadOnlyList<string>> sentences, Word2VecOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var o = options ?? new Word2VecOptions();
        Validate(o);
        var (words, counts) = BuildVocabulary(sentences, o.MinCount);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++) index[words[i]] = i;
        int[][] corpus = [.. sentences.Select(s => s.Where(index.ContainsKey).Select(w => index[w]).ToArray())];

        int size = o.VectorSize;
        var random = new Random(o.Seed);
        var input = new float[words.Length * size];
        for (int i = 0; i < input.Length; i++) input[i] = (float)((random.NextDouble() * 2 - 1) / size);
        var output = new float[words.Length * size];
        double[] keep = KeepProbabilities(counts, o.Sample);
        double[] noise = NoiseCumulative(counts);

        long total = (long)corpus.Sum(s => s.Length) * o.Epochs, done = 0;
        var hidden = new float[size];
        var error = new float[size];
        var kept = new List<int>();
        for (int epoch = 0; epoch < o.Epochs; epoch++)
            foreach (int[] sentence in corpus)
            {
                float alpha = (float)(o.Alpha - (o.Alpha - o.MinAlpha) * done / total);
                done += sentence.Length;
                kept.Clear();
                foreach (int w in sentence)
                    if (keep[w] >= 1 || keep[w] >= random.NextDouble()) kept.Add(w);
                for (int i = 0; i < kept.Count; i++)
                {
                    int reach = o.Window - random.Next(o.Window);
                    int from = Math.Max(0, i - reach), to = Math.Min(kept.Count - 1, i + reach);
                    if (to - from == 0) continue;   // no context word
                    Array.Clear(hidden);
                    for (int j = from; j <= to; j++)
                        if (j != i) AddScaled(hidden, Row(input, kept[j], size), 1f);
                    float mean = 1f / (to - from);
                    for (int d = 0; d < size; d++) hidden[d] *= mean;
                    Array.Clear(error);
                    for (int k = 0; k <= o.Negative; k++)
                    {
                        int target = k == 0 ? kept[i] : Draw(noise, random);
                        if (k > 0 && target == kept[i]) continue;
                        float label = k == 0 ? 1f : 0f;
                        var u = Row(output, target, size);
                        float g = alpha * (label - Sigmoid(Dot(hidden, u)));
                        AddScaled(error, u, g);
                        AddScaled(u, hidden, g);
                    }
                    for (int j = from; j <= to; j++)
                        if (j != i)
                            AddScaled(Row(input, kept[j], size), error, 1f);
                }
            }
        return new WordVectors(words, input, size);
    }

    private static void Validate(Word2VecOptions o)
    {
        if (o.VectorSize < 1) throw new ArgumentException($"word2vec: vector size must be ≥ 1, got {o.VectorSize}");
        if (o.Window < 1) throw new ArgumentException($"word2vec: window must be ≥ 1, got {o.Window}");
        if (o.MinCount < 1) throw new ArgumentException($"word2vec: min_count must be ≥ 1, got {o.MinCount}");
        if (o.Negative < 1) throw new ArgumentException($"word2vec: negative must be ≥ 1, got {o.Negative}");
        if (o.Epochs < 1) throw new ArgumentException($"word2vec: epochs must be ≥ 1, got {o.Epochs}");
        if (!(o.Sample >= 0)) throw new ArgumentException($"word2vec: sample must be ≥ 0, got {o.Sample}");
        if (!(o.Alpha > 0 && o.MinAlpha >= 0 && o.MinAlpha <= o.Alpha))
            throw new ArgumentException(
                $"word2vec: need alpha > 0 and 0 ≤ min_alpha ≤ alpha, got {o.Alpha} and {o.MinAlpha}");
    }

    /// <summary>The words with count ≥ <paramref name="minCount"/>, most frequent first, ties in order of first
    /// appearance (gensim's stable sort), and their counts.</summary>
    private static (string[] Words, long[] Counts) BuildVocabulary(
        IReadOnlyList<IReadOnlyList<string>> sentences, int minCount)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var sentence in sentences)
            foreach (string word in sentence)
            {
                ArgumentNullException.ThrowIfNull(word, nameof(sentences));
                if (counts.TryGetValue(word, out long n)) counts[word] = n + 1;
                else
                {
                    counts[word] = 1;
                    order.Add(word);
                }
            }
        string[] words = [.. order.Where(w => counts[w] >= minCount).OrderByDescending(w => counts[w])];
        if (words.Length == 0)
            throw new ArgumentException(
                $"word2vec: of {order.Count} distinct words none occurs at least min_count = {minCount} times");
        return (words, [.. words.Select(w => counts[w])]);
    }

    /// <summary>gensim's subsampling: the probability of keeping each word (≥ 1: always kept).</summary>
    private static double[] KeepProbabilities(long[] counts, double sample)
    {
        if (sample == 0) return [.. counts.Select(_ => 1.0)];
        double threshold = sample * counts.Sum();
        return [.. counts.Select(f => (Math.Sqrt(f / threshold) + 1) * threshold / f)];
    }

    /// <summary>The cumulative noise distribution: word i has probability ∝ count^0.75 (gensim's
    /// <c>cum_table</c>, here in doubles).</summary>
    private static double[] NoiseCumulative(long[] counts)
    {
        var cumulative = new double[counts.Length];
        double sum = 0;
        for (int i = 0; i < counts.Length; i++) cumulative[i] = sum += Math.Pow(counts[i], 0.75);
        for (int i = 0; i < counts.Length; i++) cumulative[i] /= sum;
        return cumulative;
    }

    /// <summary>A noise word: the first whose cumulative probability exceeds a uniform draw (gensim's
    /// <c>bisect_left</c> on <c>cum_table</c>).</summary>
    private static int Draw(double[] cumulative, Random random)
    {
        int at = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(at >= 0 ? at + 1 : ~at, cumulative.Length - 1);
    }

    private static float Sigmoid(float x) => x > 30 ? 1f : x < -30 ? 0f : 1f / (1f + MathF.Exp(-x));

    /// <summary>Word <paramref name="word"/>'s vector, row <paramref name="word"/> of a (words, size) matrix.
    /// </summary>
    private static Span<float> Row(float[] matrix, int word, int size) => matrix.AsSpan(word * size, size);

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int d = 0; d < a.Length; d++) sum += a[d] * b[d];
        return sum;
    }

    /// <summary>a += scale · b.</summary>
    private static void AddScaled(Span<float> a, ReadOnlySpan<float> b, float scale)
    {
        for (int d = 0; d < a.Length; d++) a[d] += scale * b[d];
    }
}

namespace DeepSeq.Data.WordVectors;

/// <summary>
/// Trained word vectors (gensim's <c>KeyedVectors</c>): one row of <see cref="VectorSize"/> floats per word of
/// <see cref="Words"/>, most frequent word first, as <see cref="Word2VecTrainer"/> returns them.
/// </summary>
public sealed class WordVectors
{
    private readonly float[] _vectors;
    private readonly Dictionary<string, int> _index;

    /// <summary>Wraps <paramref name="vectors"/> (row i belongs to <paramref name="words"/>[i]).</summary>
    /// <exception cref="ArgumentException">The sizes disagree, or a word is listed twice.</exception>
    public WordVectors(IReadOnlyList<string> words, float[] vectors, int vectorSize)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentOutOfRangeException.ThrowIfLessThan(vectorSize, 1);
        if (vectors.Length != (long)words.Count * vectorSize)
            throw new ArgumentException($"word vectors: {vectors.Length} floats for {words.Count} words × " +
                                        $"{vectorSize} dimensions");
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < words.Count; i++)
            if (!_index.TryAdd(words[i], i)) throw new ArgumentException($"word vectors: '{words[i]}' is listed twice");
        (Words, _vectors, VectorSize) = (words, vectors, vectorSize);
    }

    /// <summary>The vocabulary, in row order.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The dimensions of a vector.</summary>
    public int VectorSize { get; }

    /// <summary>Whether <paramref name="word"/> has a vector.</summary>
    public bool Contains(string word) => _index.ContainsKey(word);

    /// <summary>A copy of the vector of <paramref name="word"/>.</summary>
    /// <exception cref="KeyNotFoundException">The word is not in the vocabulary.</exception>
    public float[] Vector(string word) => _vectors.AsSpan(Row(word) * VectorSize, VectorSize).ToArray();

    /// <summary>The <paramref name="count"/> words nearest <paramref name="word"/> by cosine similarity, nearest
    /// first, the word itself left out (gensim <c>most_similar(word, topn)</c>); ties by row.</summary>
    /// <exception cref="KeyNotFoundException">The word is not in the vocabulary.</exception>
    public IReadOnlyList<(string Word, double Similarity)> MostSimilar(string word, int count = 10)
    {
        int row = Row(word);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        double[] norms = [.. Enumerable.Range(0, Words.Count).Select(i => Math.Sqrt(Dot(i, i)))];
        return [.. Enumerable.Range(0, Words.Count).Where(i => i != row)
            .Select(i => (Word: Words[i], Similarity: Dot(i, row) / Math.Max(norms[i] * norms[row], 1e-30)))
            .OrderByDescending(p => p.Similarity).Take(count)];
    }

    /// <summary>The embedding matrix for <paramref name="wordIndex"/> (Keras's recipe, as
    /// <see cref="GloVe.LoadMatrix"/> builds it from a file): row i is the vector of the word with index i, for every
    /// index below <paramref name="numWords"/>; rows of words without a vector stay zero.</summary>
    /// <returns>A float32 tensor of shape (numWords, <see cref="VectorSize"/>).</returns>
    public Tensor<float> ToMatrix(IReadOnlyDictionary<string, int> wordIndex, int numWords)
    {
        WordVectorInput.ValidateMatrixArguments("trained vectors", wordIndex, numWords, VectorSize, "WordVectors");
        return WordVectorInput.FillMatrix(Words.Select(w => (w, Vector(w))), wordIndex, numWords, VectorSize,
            "trained vectors");
    }

    private int Row(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return _index.TryGetValue(word, out int row)
            ? row
            : throw new KeyNotFoundException($"word vectors: '{word}' is not in the vocabulary of {Words.Count} words");
    }

    private double Dot(int a, int b)
    {
        double sum = 0;
        for (int d = 0; d < VectorSize; d++) sum += (double)_vectors[a * VectorSize + d] * _vectors[b * VectorSize + d];
        return sum;
    }
}

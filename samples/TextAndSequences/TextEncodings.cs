using DeepSeq.Data;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;

namespace DeepSeq.Samples.TextAndSequences;

/// <summary>
/// B1, the chapter's first listings: one-hot encodings of two toy sentences at the word level (listing 6.1) and the
/// character level (6.2), Keras's <c>Tokenizer</c> (6.3), the hashing trick (6.4), and bags of 2-grams and 3-grams.
/// </summary>
/// <remarks>
/// <para>The word-level listing splits on spaces only, so "mat." keeps its period: 10 tokens, (2, 10, 11). The
/// Tokenizer strips punctuation and lower-cases: "Found 9 unique tokens."</para>
/// <para>The book's character-level listing zips <c>range(1, 101)</c> with the characters, then looks a character up
/// in that int-keyed dict and gets <c>None</c>, which NumPy reads as "the whole row": every row is all ones. We
/// index each character by its position in Python's <c>string.printable</c> plus 1, as the listing meant.</para>
/// <para>The hashing trick uses FNV-1a (<see cref="HashingTrick"/>), which is deterministic; Python's salted
/// <c>hash</c> gives other indices in every run.</para>
/// </remarks>
public sealed class TextEncodings : Experiment
{
    /// <summary>The listings' two samples.</summary>
    public static readonly string[] Samples = ["The cat sat on the mat.", "The dog ate my homework."];

    /// <summary>Python's <c>string.printable</c>: digits, letters, punctuation, whitespace (100 characters).</summary>
    public const string Printable = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" +
                                    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c";

    /// <inheritdoc/>
    public override string Id => "B1";
    /// <inheritdoc/>
    public override string Title => "One-hot encodings of two toy sentences: word and character level, Tokenizer, " +
                                    "hashing trick, bags of n-grams";
    /// <inheritdoc/>
    public override string Reference => "\"Found 9 unique tokens.\"; shapes (2,10,11), (2,50,101), (2,1000), " +
                                        "(2,10,1000); sequences [[1,2,3,4,1,5],[1,6,7,8,9]]";

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var words = WordLevel(10);
        output.WriteLine($"Word level (split on spaces, max 10 words): {words.Shape}");
        var characters = CharacterLevel(50);
        output.WriteLine($"Character level (string.printable, max 50 characters): {characters.Shape}");

        var tokenizer = new Tokenizer(numWords: 1000);
        tokenizer.FitOnTexts(Samples);
        var sequences = tokenizer.TextsToSequences(Samples);
        var matrix = tokenizer.TextsToMatrix(Samples, MatrixMode.Binary);
        output.WriteLine($"Found {tokenizer.WordIndex.Count} unique tokens.");
        output.WriteLine($"Tokenizer sequences: {Show(sequences)}");
        output.WriteLine($"Tokenizer binary matrix: {matrix.Shape}");

        var hashed = Hashed(1000, 10);
        output.WriteLine($"Hashing trick (dimension 1000, FNV-1a): {hashed.Shape}");

        var first = TextPreprocessing.TextToWordSequence(Samples[0]);
        foreach (int n in new[] { 2, 3 })
        {
            var bag = Enumerable.Range(1, n).SelectMany(k => HashingTrick.NGrams(first, k))
                .Select(g => $"\"{string.Join(' ', g)}\"").Distinct();
            output.WriteLine($"Bag of {n}-grams of \"{Samples[0]}\": {{{string.Join(", ", bag)}}}");
        }
        var metrics = new Dictionary<string, double>
        {
            ["unique_tokens"] = tokenizer.WordIndex.Count,
            ["word_level_depth"] = words.Shape[2],
            ["char_level_depth"] = characters.Shape[2],
        };
        return new ExperimentResult(new DataOrigin("none", false, null, "no data: the listings' two sentences"),
            metrics, 0);
    }

    /// <summary>Listing 6.1: (samples, maxLength, tokens + 1), token indices from 1 in order of first
    /// appearance.</summary>
    public static Tensor<float> WordLevel(int maxLength)
    {
        var index = new Dictionary<string, int>();
        foreach (string word in Samples.SelectMany(s => s.Split(' ')))
            index.TryAdd(word, index.Count + 1);
        return OneHot(Samples.Select(s => s.Split(' ').Select(w => index[w])), maxLength, index.Count + 1);
    }

    /// <summary>Listing 6.2 as meant: (samples, maxLength, 101), a character's index its position in
    /// <see cref="Printable"/> plus 1.</summary>
    public static Tensor<float> CharacterLevel(int maxLength) =>
        OneHot(Samples.Select(s => s.Select(c => Printable.IndexOf(c) + 1)), maxLength, Printable.Length + 1);

    /// <summary>Listing 6.4: (samples, maxLength, dimension), each word at <c>hash(word) % dimension</c>.</summary>
    public static Tensor<float> Hashed(int dimension, int maxLength) =>
        OneHot(Samples.Select(s => s.Split(' ').Select(w => (int)(HashingTrick.Fnv1a32(w) % (uint)dimension))),
            maxLength, dimension);

    /// <summary>One-hot rows for the first <paramref name="maxLength"/> indices of each sample.</summary>
    private static Tensor<float> OneHot(IEnumerable<IEnumerable<int>> samples, int maxLength, int depth)
    {
        var rows = samples.Select(s => s.Take(maxLength).ToArray()).ToArray();
        var data = new float[rows.Length * maxLength * depth];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < rows[i].Length; j++)
                data[(i * maxLength + j) * depth + rows[i][j]] = 1;
        return Tensor.FromArray(data, new Shape(rows.Length, maxLength, depth));
    }

    /// <summary>Python's repr of a list of lists: [[1, 2], [3]].</summary>
    public static string Show(IEnumerable<IEnumerable<int>> sequences) =>
        "[" + string.Join(", ", sequences.Select(s => "[" + string.Join(", ", s) + "]")) + "]";
}

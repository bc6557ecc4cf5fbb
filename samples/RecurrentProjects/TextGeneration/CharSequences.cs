using DeepSeq.Data;
using DeepSeq.Data.DataSets;
using DeepSeq.Data.Loaders;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.Data;

namespace DeepSeq.Samples.RecurrentProjects.TextGeneration;

/// <summary>
/// The project's character data (E5–E7): the lowercased corpus cut into consecutive chunks of 251 characters, each
/// giving a 250-character input and, shifted by one, its 250 next-character targets; the shuffled 10 % test split.
/// </summary>
/// <remarks>
/// <para>The cut is TensorFlow's text-generation recipe the project followed: <c>chars.batch(seq_length + 1,
/// drop_remainder=True)</c>, then <c>input = chunk[:-1]</c>, <c>target = chunk[1:]</c>. So chunk k starts at 251·k,
/// windows never overlap, a partial last chunk is dropped, and there are ⌊length / 251⌋ of them (4,443 for
/// tiny-shakespeare's 1,115,394 characters).</para>
/// <para>Inputs are the character indices (as floats, for the Embedding); targets are one-hot (count, 250, V), as the
/// project's categorical cross-entropy, KL divergence and focal losses want. The split is
/// <c>train_test_split(test_size=0.1, random_state=42)</c> in scikit-learn's sizes (see
/// <see cref="TrainTestSplit"/>); training then holds out its last 10 % (Keras's validation_split).</para>
/// </remarks>
public sealed class CharSequences
{
    /// <summary>Characters per input window, and the distance between window starts.</summary>
    public const int Length = 250, Stride = Length + 1;

    /// <summary>The seed of the split (<c>random_state=42</c>).</summary>
    public const ulong SplitSeed = 42;

    private CharSequences(string text, DataOrigin origin, int length, int? maxWindows)
    {
        Text = text;
        Origin = origin;
        Vocabulary = new CharVocabulary(text);
        WindowLength = length;
        var (x, y) = Windows(Vocabulary.Encode(text), length, maxWindows);
        (X, Y) = (x, OneHot(y, Vocabulary.Count));
        Split = HeldOutSplit.Of(X, Y, 0.1, SplitSeed);
    }

    /// <summary>The lowercased text.</summary>
    public string Text { get; }
    /// <summary>Real or SYNTHETIC, and which file.</summary>
    public DataOrigin Origin { get; }
    /// <summary>The distinct characters of the text, sorted: V of the network.</summary>
    public CharVocabulary Vocabulary { get; }
    /// <summary>Characters per window (250; fewer with --quick).</summary>
    public int WindowLength { get; }
    /// <summary>Every window's character indices (windows, length) and one-hot next characters (windows, length, V).
    /// </summary>
    public Tensor<float> X { get; }
    /// <inheritdoc cref="X"/>
    public Tensor<float> Y { get; }
    /// <summary>The training part (90 %) and the test part (10 %).</summary>
    public HeldOutSplit Split { get; }

    /// <summary>
    /// The consecutive chunks of <paramref name="length"/> + 1 codes: x[k] = codes[k·(length + 1) + 0 … length − 1],
    /// y[k] = the same shifted by one; a partial last chunk is dropped. At most <paramref name="maxWindows"/>.
    /// </summary>
    public static (Tensor<float> X, int[,] Y) Windows(int[] codes, int length, int? maxWindows = null)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        int stride = length + 1, count = Math.Min(codes.Length / stride, maxWindows ?? int.MaxValue);
        if (count < 2)
            throw new ArgumentException($"character windows: {codes.Length} characters give {count} chunk(s) of " +
                                        $"{stride}; the split needs at least 2");
        var x = new float[count * length];
        var y = new int[count, length];
        for (int k = 0; k < count; k++)
            for (int t = 0; t < length; t++)
            {
                x[k * length + t] = codes[k * stride + t];
                y[k, t] = codes[k * stride + t + 1];
            }
        return (Tensor.FromArray(x, new Shape(count, length)), y);
    }

    /// <summary>(windows, length) class indices as one-hot rows (windows, length, classes).</summary>
    public static Tensor<float> OneHot(int[,] codes, int classes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        int count = codes.GetLength(0), length = codes.GetLength(1);
        var y = new float[(long)count * length * classes];
        for (int k = 0; k < count; k++)
            for (int t = 0; t < length; t++)
                y[((long)k * length + t) * classes + codes[k, t]] = 1;
        return Tensor.FromArray(y, new Shape(count, length, classes));
    }

    /// <summary>
    /// Loads the corpus: the file given by <c>--corpus</c>, else <c>textgen_corpus/tinyshakespeare_input.txt</c>
    /// from the data roots, else a SYNTHETIC text of seeded words. <c>--quick</c> keeps 24 windows of 30 characters.
    /// </summary>
    public static CharSequences Load(RunOptions options, string? corpus)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (length, maxWindows) = options.Quick ? (30, (int?)24) : (Length, null);
        if (corpus is not null)
        {
            if (!File.Exists(corpus))
                throw new FileNotFoundException($"--corpus: no file {Path.GetFullPath(corpus)}", corpus);
            return FromFile(corpus, length, maxWindows, "the corpus given by --corpus");
        }
        if (DataFiles.Find("textgen_corpus", options, out string why) is not { } files)
        {
            string text = SyntheticText(200_000, DataSets.SyntheticSeed);
            return new CharSequences(text, new DataOrigin("textgen_corpus", true, null,
                $"Text: SYNTHETIC stand-in ({why}): {text.Length:N0} characters of seeded random words, NOT a real " +
                "corpus"), length, maxWindows);
        }
        string shakespeare = files.Single(f => Path.GetFileName(f) == "tinyshakespeare_input.txt");
        return FromFile(shakespeare, length, maxWindows,
            "Karpathy's tiny-shakespeare, the size of the project's novel, which cannot be had here");
    }

    private static CharSequences FromFile(string path, int length, int? maxWindows, string what)
    {
        var corpus = TextCorpus.Load(path, lowercase: true);
        return new CharSequences(corpus.Text, new DataOrigin("textgen_corpus", false, path,
            $"Text: {path} ({what}), lowercased: {corpus.Length:N0} characters, {corpus.Vocabulary.Count} " +
            "distinct"), length, maxWindows);
    }

    /// <summary>Lines of seeded random words over a small alphabet, so that a model has something to learn.</summary>
    private static string SyntheticText(int characters, int seed)
    {
        var random = new Random(seed);
        string[] words = [.. Enumerable.Range(0, 300).Select(_ => new string(
            [.. Enumerable.Range(0, random.Next(2, 8)).Select(_ => (char)('a' + random.Next(20)))]))];
        var text = new System.Text.StringBuilder(characters + 16);
        while (text.Length < characters)
        {
            int n = random.Next(4, 12);
            for (int i = 0; i < n; i++) text.Append(words[random.Next(words.Length)]).Append(i + 1 < n ? ' ' : '\n');
        }
        return text.ToString(0, characters);
    }
}

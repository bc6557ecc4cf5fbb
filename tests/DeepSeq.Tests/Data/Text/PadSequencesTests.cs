using DeepSeq.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Data.Text;

/// <summary>
/// <see cref="SequencePreprocessing.PadSequences"/>: golden values of Keras 2's
/// <c>keras.preprocessing.sequence.pad_sequences</c> (hand-derived from its slicing rules: truncating 'pre' keeps
/// <c>s[-maxlen:]</c>, 'post' keeps <c>s[:maxlen]</c>; padding 'pre' writes <c>x[i, -len:]</c>, 'post' writes
/// <c>x[i, :len]</c>), and properties over random ragged inputs.
/// </summary>
public sealed class PadSequencesTests
{
    private static readonly int[][] Ragged = [[1, 2, 3], [4, 5], [6]];

    private static void AssertMatrix(int[,] expected, Tensor<int> actual)
    {
        Assert.Equal(new[] { expected.GetLength(0), expected.GetLength(1) }, actual.Shape.ToArray());
        Assert.Equal(expected.Cast<int>().ToArray(), actual.ToArray());
    }

    [Fact]
    public void DefaultsPadAndTruncateAtTheFront()
    {
        // Keras: pad_sequences([[1,2,3],[4,5],[6]]) → [[1,2,3],[0,4,5],[0,0,6]]
        AssertMatrix(new[,] { { 1, 2, 3 }, { 0, 4, 5 }, { 0, 0, 6 } }, SequencePreprocessing.PadSequences(Ragged));
        // Keras: pad_sequences([[1,2,3],[4,5],[6]], maxlen=2) → [[2,3],[4,5],[0,6]] (keeps the LAST 2)
        AssertMatrix(new[,] { { 2, 3 }, { 4, 5 }, { 0, 6 } }, SequencePreprocessing.PadSequences(Ragged, maxLen: 2));
    }

    [Fact]
    public void PostPaddingAndPostTruncating()
    {
        // Keras: pad_sequences(..., padding='post') → [[1,2,3],[4,5,0],[6,0,0]]
        AssertMatrix(new[,] { { 1, 2, 3 }, { 4, 5, 0 }, { 6, 0, 0 } }, SequencePreprocessing.PadSequences(Ragged, padding: Padding.Post));
        // Keras: pad_sequences(..., maxlen=2, truncating='post') → [[1,2],[4,5],[0,6]] (keeps the FIRST 2)
        AssertMatrix(new[,] { { 1, 2 }, { 4, 5 }, { 0, 6 } }, SequencePreprocessing.PadSequences(Ragged, maxLen: 2, truncating: Truncating.Post));
        // Keras: pad_sequences(..., maxlen=4, padding='post', value=-1) → [[1,2,3,-1],[4,5,-1,-1],[6,-1,-1,-1]]
        AssertMatrix(new[,] { { 1, 2, 3, -1 }, { 4, 5, -1, -1 }, { 6, -1, -1, -1 } },
                     SequencePreprocessing.PadSequences(Ragged, maxLen: 4, padding: Padding.Post, value: -1));
    }

    [Fact]
    public void EmptySequencesBecomeRowsOfPadding()
    {
        // Keras: pad_sequences([[], [7]], value=9) → [[9],[7]]
        AssertMatrix(new[,] { { 9 }, { 7 } }, SequencePreprocessing.PadSequences([[], [7]], value: 9));
        // No sequences at all: a (0, 0) tensor (Keras fails in np.max([]); documented difference).
        Assert.Equal(new[] { 0, 0 }, SequencePreprocessing.PadSequences([]).Shape.ToArray());
    }

    [Fact]
    public void BadArgumentsThrowClearly()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SequencePreprocessing.PadSequences(Ragged, maxLen: -1));
        Assert.Contains("maxLen", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SequencePreprocessing.PadSequences(Ragged, padding: (Padding)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => SequencePreprocessing.PadSequences(Ragged, truncating: (Truncating)7));
        Assert.Throws<ArgumentNullException>(() => SequencePreprocessing.PadSequences([[1], null!]));
    }

    /// <summary>
    /// For random ragged inputs (empty sequences included), random maxLen (null or 0..8) and both sides: the shape is
    /// (n, maxLen), each row's content is the last (pre) or first (post) min(len, maxLen) items, placed against the
    /// right (pre-padding) or left (post-padding) edge, and every other cell is the padding value.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property RowsHoldTheKeptItemsAgainstTheRightEdge(int seed)
    {
        var rng = new Random(seed);
        int n = rng.Next(0, 6);
        var sequences = Enumerable.Range(0, n)
            .Select(_ => Enumerable.Range(0, rng.Next(0, 10)).Select(_ => rng.Next(1, 100)).ToArray()).ToArray();
        int? maxLen = rng.Next(3) == 0 ? null : rng.Next(0, 9);
        var padding = (Padding)rng.Next(2);
        var truncating = (Truncating)rng.Next(2);
        const int pad = -7;   // never a content value, so padding cells are recognisable

        var x = SequencePreprocessing.PadSequences(sequences, maxLen, padding, truncating, pad);
        int width = maxLen ?? (n == 0 ? 0 : sequences.Max(s => s.Length));
        bool ok = x.Shape.ToArray().SequenceEqual([n, width]);
        var values = x.ToArray();
        for (int i = 0; ok && i < n; i++)
        {
            var row = values.Skip(i * width).Take(width).ToArray();
            int kept = Math.Min(sequences[i].Length, width);
            var expectedContent = truncating == Truncating.Pre ? sequences[i][^kept..] : sequences[i][..kept];
            var content = padding == Padding.Pre ? row[(width - kept)..] : row[..kept];
            var padCells = padding == Padding.Pre ? row[..(width - kept)] : row[kept..];
            ok = content.SequenceEqual(expectedContent) && padCells.All(v => v == pad);
        }
        return ok.Label($"n {n} maxLen {maxLen?.ToString() ?? "null"} {padding}/{truncating}");
    }
}

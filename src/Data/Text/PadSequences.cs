namespace DeepSeq.Data;

/// <summary>Where <see cref="SequencePreprocessing.PadSequences"/> puts the padding. Keras:
/// <c>padding='pre'|'post'</c>.</summary>
public enum Padding
{
    /// <summary>Padding before each sequence, so the content ends at the last column (Keras's default,
    /// <c>'pre'</c>).</summary>
    Pre,
    /// <summary>Padding after each sequence, so the content starts at column 0 (<c>'post'</c>).</summary>
    Post,
}

/// <summary>Which end <see cref="SequencePreprocessing.PadSequences"/> cuts from a sequence longer than <c>maxLen</c>.
/// Keras: <c>truncating='pre'|'post'</c>.</summary>
public enum Truncating
{
    /// <summary>Cut from the start: keep the LAST <c>maxLen</c> items (Keras's default, <c>'pre'</c>).</summary>
    Pre,
    /// <summary>Cut from the end: keep the FIRST <c>maxLen</c> items (<c>'post'</c>).</summary>
    Post,
}

/// <summary>
/// Sequence helpers of Keras 2's <c>keras.preprocessing.sequence</c> module: making ragged integer sequences
/// rectangular so they can be batched.
/// </summary>
public static class SequencePreprocessing
{
    /// <summary>
    /// Pads (or truncates) every sequence to the same length <c>maxLen</c> and stacks them into one matrix.
    /// </summary>
    /// <param name="sequences">The sequences (for example word indices from <see cref="Tokenizer.TextsToSequences"/>);
    /// any may be empty.</param>
    /// <param name="maxLen">Length of every row; must be ≥ 0. Default <c>null</c>: the length of the longest sequence.
    /// Keras: <c>maxlen</c>.</param>
    /// <param name="padding">Which side gets the padding. Default <see cref="Padding.Pre"/>. Keras:
    /// <c>padding</c>.</param>
    /// <param name="truncating">Which end a too-long sequence loses. Default <see cref="Truncating.Pre"/>: keep the
    /// last <c>maxLen</c> items. Keras: <c>truncating</c>.</param>
    /// <param name="value">The padding value. Default 0 (index 0 is reserved by <see cref="Tokenizer"/>, so it never
    /// means a word). Keras: <c>value</c>.</param>
    /// <returns>An int32 tensor of shape (number of sequences, <c>maxLen</c>). Keras: <c>dtype='int32'</c>.</returns>
    /// <remarks>
    /// <para>Matches Keras 2's <c>pad_sequences(sequences, maxlen, dtype='int32', padding, truncating, value)</c>.
    /// Row i holds the kept part of sequence i — its last <c>min(len, maxLen)</c> items with
    /// <see cref="Truncating.Pre"/>, its first ones with <see cref="Truncating.Post"/> — pushed to the right end
    /// (<see cref="Padding.Pre"/>) or the left end (<see cref="Padding.Post"/>), the rest filled with
    /// <paramref name="value"/>.</para>
    /// <para>Why both defaults are 'pre': a recurrent layer reads left to right, so with pre-padding the real tokens
    /// are the last thing it sees before its final state, and with pre-truncation it keeps the end of a long
    /// text.</para>
    /// <para>Example: <c>PadSequences([[1, 2, 3], [4, 5], [6]], maxLen: 2)</c> →
    /// <c>[[2, 3], [4, 5], [0, 6]]</c>.</para>
    /// <para>Two deliberate differences at the edges: with no sequences and <paramref name="maxLen"/> null, Keras fails
    /// inside <c>np.max([])</c>; DeepSeq returns a (0, 0) tensor. With <c>maxLen = 0</c> Keras fails on any non-empty
    /// sequence (Python's <c>s[-0:]</c> is the whole sequence); DeepSeq returns an (n, 0) tensor.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of its sequences is
    /// null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLen"/> is negative, or an enum argument is not
    /// a defined value.</exception>
    public static Tensor<int> PadSequences(
        IEnumerable<IReadOnlyList<int>> sequences,
        int? maxLen = null,
        Padding padding = Padding.Pre,
        Truncating truncating = Truncating.Pre,
        int value = 0)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (maxLen < 0)
            throw new ArgumentOutOfRangeException(nameof(maxLen), maxLen,
                "pad_sequences: maxLen must be >= 0, or null for the longest sequence's length");
        if (!Enum.IsDefined(padding))
            throw new ArgumentOutOfRangeException(nameof(padding), padding,
                "pad_sequences: padding must be Padding.Pre or Padding.Post");
        if (!Enum.IsDefined(truncating))
            throw new ArgumentOutOfRangeException(nameof(truncating), truncating,
                "pad_sequences: truncating must be Truncating.Pre or Truncating.Post");

        var rows = sequences.ToList();
        for (int i = 0; i < rows.Count; i++)
            if (rows[i] is null)
                throw new ArgumentNullException(nameof(sequences), $"pad_sequences: sequence {i} is null");

        int width = maxLen ?? (rows.Count == 0 ? 0 : rows.Max(s => s.Count));
        var data = new int[checked(rows.Count * width)];
        Array.Fill(data, value);
        for (int i = 0; i < rows.Count; i++)
        {
            var s = rows[i];
            int kept = Math.Min(s.Count, width);
            int from = truncating == Truncating.Pre ? s.Count - kept : 0;    // first source item kept
            int to = padding == Padding.Pre ? width - kept : 0;              // first column written
            for (int k = 0; k < kept; k++)
                data[i * width + to + k] = s[from + k];
        }
        return Tensor.FromArray<int>(data, new Shape(rows.Count, width));
    }
}

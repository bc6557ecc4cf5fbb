using System.Collections;

namespace DeepSeq.Data.Loaders;

/// <summary>One training example of a character model: <paramref name="Sentence"/> and the character that follows
/// it.</summary>
/// <param name="Start">Where the sentence starts in the text.</param>
/// <param name="Sentence">The <c>maxlen</c> characters from <paramref name="Start"/>.</param>
/// <param name="Next">The character right after the sentence: the target.</param>
public readonly record struct SentenceWindow(int Start, string Sentence, char Next);

/// <summary>
/// The sentence windows of a text, cut on demand. Chollet's loop (<i>Deep Learning with Python</i>, §8.1):
/// </summary>
/// <remarks>
/// <code>
/// for i in range(0, len(text) - maxlen, step):
///     sentences.append(text[i: i + maxlen])
///     next_chars.append(text[i + maxlen])
/// </code>
/// <para>So there are <c>⌈(len − maxlen) / step⌉</c> windows, window <c>k</c> starting at <c>k · step</c>. Nothing
/// is copied until a window is asked for: the list holds the text and two numbers, and window <c>k</c> is one
/// <see cref="string.Substring(int, int)"/>, so the 1.1 M windows of tiny-shakespeare at step 1 cost no memory
/// until a batch needs them.</para>
/// </remarks>
public sealed class SentenceWindows : IReadOnlyList<SentenceWindow>
{
    private readonly string _text;

    /// <summary>The windows of <paramref name="text"/> of <paramref name="maxlen"/> characters, every
    /// <paramref name="step"/> characters.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxlen"/> or <paramref name="step"/> is below 1,
    /// or the text is not longer than <paramref name="maxlen"/> (no window would have a next character).</exception>
    public SentenceWindows(string text, int maxlen, int step)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxlen, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        if (text.Length <= maxlen)
            throw new ArgumentOutOfRangeException(nameof(maxlen), maxlen, $"the text has {text.Length} characters, " +
                $"so no window of {maxlen} has a next character; use a smaller maxlen");
        _text = text;
        MaxLen = maxlen;
        Step = step;
        Count = (text.Length - maxlen + step - 1) / step;   // ⌈(len − maxlen) / step⌉, as Python's range
    }

    /// <summary>The length of each sentence.</summary>
    public int MaxLen { get; }

    /// <summary>The distance between the starts of two consecutive windows.</summary>
    public int Step { get; }

    /// <summary>The number of windows.</summary>
    public int Count { get; }

    /// <summary>Window <paramref name="index"/>: the sentence starting at <c>index · Step</c> and its next
    /// character.</summary>
    public SentenceWindow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int start = index * Step;
            return new SentenceWindow(start, _text.Substring(start, MaxLen), _text[start + MaxLen]);
        }
    }

    /// <summary>The windows in order, each cut when it is reached.</summary>
    public IEnumerator<SentenceWindow> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

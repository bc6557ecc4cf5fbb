using System.Text;

namespace DeepSeq.Data;

/// <summary>
/// Text helpers of Keras 2's <c>keras.preprocessing.text</c> module: splitting a string into words.
/// </summary>
public static class TextPreprocessing
{
    /// <summary>
    /// Keras's default <c>filters</c>: every ASCII punctuation character except the apostrophe, plus tab and
    /// newline — <c>!"#$%&amp;()*+,-./:;&lt;=&gt;?@[\]^_`{|}~\t\n</c> (33 characters).
    /// </summary>
    /// <remarks>The apostrophe is missing on purpose (Keras's choice): "it's" stays one word.</remarks>
    public const string DefaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";

    /// <summary>
    /// Splits <paramref name="text"/> into words: lower-case it, replace every character of
    /// <paramref name="filters"/> by <paramref name="split"/>, split on <paramref name="split"/>, and drop
    /// the empty pieces.
    /// </summary>
    /// <param name="text">The text to split.</param>
    /// <param name="filters">Characters to remove (each becomes a separator). Default <see cref="DefaultFilters"/>;
    /// Keras: <c>filters</c>.</param>
    /// <param name="lower">Lower-case the text first. Default <c>true</c>; Keras: <c>lower</c>.</param>
    /// <param name="split">The separator, any non-empty string. Default <c>" "</c>; Keras: <c>split</c>.</param>
    /// <returns>The words, in order. Empty when the text holds only separators and filtered characters.</returns>
    /// <remarks>
    /// <para>Matches Keras 2's <c>text_to_word_sequence(text, filters, lower, split)</c>. Example:
    /// <c>TextToWordSequence("Hello, World! It's fine.")</c> → <c>["hello", "world", "it's", "fine"]</c>.</para>
    /// <para>Because the pieces are split on <paramref name="split"/> only, whitespace other than the separator
    /// (a carriage return, a non-breaking space) stays inside words, exactly as in Keras; tab and newline are
    /// removed only because they are in the default filters.</para>
    /// <para>Characters are compared as Unicode code points, as Python does, so a filter character outside the
    /// Basic Multilingual Plane (an emoji) is matched whole. Lower-casing uses .NET's invariant simple case
    /// mapping; Python's <c>str.lower</c> differs only on a handful of letters that lower-case to two
    /// characters (such as 'İ').</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="split"/> is empty (Python's <c>str.split('')</c> raises
    /// too).</exception>
    public static string[] TextToWordSequence(
        string text, string filters = DefaultFilters, bool lower = true, string split = " ")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(filters);
        ValidateSplit(split, nameof(split));

        if (lower) text = text.ToLowerInvariant();
        var filterSet = new HashSet<string>(CodePoints(filters), StringComparer.Ordinal);
        var replaced = new StringBuilder(text.Length);
        foreach (string codePoint in CodePoints(text))
            replaced.Append(filterSet.Contains(codePoint) ? split : codePoint);
        return replaced.ToString().Split(split, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The Unicode code points of <paramref name="text"/>, each as a string (a surrogate pair stays together;
    /// a lone surrogate is kept as it is).</summary>
    /// <remarks>Python iterates a string by code point; iterating a .NET string by <c>char</c> would split an emoji in
    /// two.</remarks>
    internal static IEnumerable<string> CodePoints(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                yield return text.Substring(i, 2);
                i++;
            }
            else
            {
                yield return text[i].ToString();
            }
        }
    }

    /// <summary>Throws unless <paramref name="split"/> is a non-empty string.</summary>
    internal static void ValidateSplit(string split, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(split, parameterName);
        if (split.Length == 0)
            throw new ArgumentException(
                "the word separator must be a non-empty string (Keras's split=' ' by default)", parameterName);
    }
}

using System.Text;

namespace DeepSeq.Data.Loaders;

/// <summary>
/// A plain-text corpus for character-level models (<c>textgen_corpus/tinyshakespeare_input.txt</c>,
/// <c>nietzsche.txt</c>): the whole text and its <see cref="CharVocabulary"/>. Chollet, §8.1:
/// <c>text = open(path).read().lower()</c>, then <c>chars = sorted(list(set(text)))</c>.
/// </summary>
/// <remarks>
/// <para>The text is decoded as UTF-8 (a byte order mark is dropped) and its line breaks made LF, as Python's
/// <c>open()</c> does in text mode, so <see cref="Length"/> counts characters, as Python's <c>len(text)</c> does, not
/// bytes: nietzsche.txt is 600,901 bytes but 600,893 characters (8 letters such as <c>ä</c> take two bytes);
/// tiny-shakespeare is pure ASCII, 1,115,394 of both.</para>
/// <para>Errors (<see cref="DataFormatException"/>, the message starting with the file name, then the line and
/// column): an empty file; bytes that are not UTF-8; a character outside the Basic Multilingual Plane (an emoji),
/// which C# stores as two <see cref="char"/>s where Python sees one, so counts would silently differ. Nothing
/// half-loaded is returned.</para>
/// </remarks>
public sealed class TextCorpus
{
    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private TextCorpus(string source, string text)
    {
        Source = source;
        Text = text;
        Vocabulary = new CharVocabulary(text);
    }

    /// <summary>The file the text was read from.</summary>
    public string Source { get; }

    /// <summary>The whole text (lowercased when <see cref="Load"/> was asked to).</summary>
    public string Text { get; }

    /// <summary>The number of characters in <see cref="Text"/> (Python's <c>len(text)</c>).</summary>
    public int Length => Text.Length;

    /// <summary>The distinct characters of <see cref="Text"/>, sorted by code point.</summary>
    public CharVocabulary Vocabulary { get; }

    /// <summary>
    /// The sentences of <paramref name="maxlen"/> characters every <paramref name="step"/> characters, each with the
    /// next character as its target, cut lazily (see <see cref="SentenceWindows"/>). Chollet uses maxlen 60, step 3.
    /// </summary>
    public SentenceWindows Windows(int maxlen, int step) => new(Text, maxlen, step);

    /// <summary>Reads the text at <paramref name="path"/>.</summary>
    /// <param name="path">A UTF-8 text file.</param>
    /// <param name="lowercase">Lowercase the text (invariant culture), as Chollet and experiment E5 do. Default
    /// <c>false</c>.</param>
    public static TextCorpus Load(string path, bool lowercase = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        // Strict UTF-8: an invalid byte is refused with its line and byte offset.
        string text = Utf8Decoding.Strict.Decode(File.ReadAllBytes(path), path);
        if (text.Length == 0)
            throw new DataFormatException(path, "end of file", $"the file is empty; expected text");
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');   // Python's universal newlines
        RejectSurrogates(path, text);
        if (lowercase) text = text.ToLowerInvariant();
        return new TextCorpus(path, text);
    }

    private static void RejectSurrogates(string path, string text)
    {
        int i = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0) return;
        int line = 1 + text.AsSpan(0, i).Count('\n');
        int lineStart = i == 0 ? 0 : text.LastIndexOf('\n', i - 1) + 1;
        int column = i - lineStart + 1;
        throw new DataFormatException(path, $"line {line}, column {column}", $"" +
            $"U+{(char.IsSurrogatePair(text, i) ? char.ConvertToUtf32(text, i) : text[i]):X} lies outside the Basic " +
            "Multilingual Plane; C# would count it as two characters where Python counts one, so remove or replace it");
    }
}

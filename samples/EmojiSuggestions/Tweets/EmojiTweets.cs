using System.Text;
using DeepSeq.Data;
using DeepSeq.Data.Csv;
using DeepSeq.Samples.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Tweets;

/// <summary>
/// The book's emoji data set built from any CSV of tweets: a tweet with exactly one distinct emoji (repeats
/// allowed) is kept, the emoji is removed from its text and becomes its label; labels with ≤ 1,000 tweets are then
/// dropped (the book's rule, <c>--emoji-min N</c> to change it). Tweets with no emoji or with several are dropped.
/// </summary>
/// <remarks>
/// <para>The CSV needs a header with a <c>text</c> column (or <c>content</c>, as the emotion file names it); other
/// columns are ignored.</para>
/// <para>An emoji is one code point of the emoji blocks: U+1F300–U+1F64F (pictographs, emoticons), U+1F680–U+1F6FF
/// (transport), U+1F900–U+1FAFF (supplemental) and U+2600–U+27BF (symbols, dingbats), as the book iterated a
/// tweet's characters and looked each up in the <c>emoji</c> package. Skin-tone modifiers (U+1F3FB–U+1F3FF), the
/// variation selector U+FE0F and the zero-width joiner are parts of an emoji, not emojis: they are removed from a
/// kept tweet but never counted, so 👍🏽 counts as 👍. Flags (pairs of regional indicators) are not recognised.</para>
/// </remarks>
public static class EmojiTweets
{
    /// <summary>The book's rule: a label needs more than this many tweets.</summary>
    public const int BookMinimum = 1_000;

    /// <summary>The help line of <c>--emoji-csv</c>.</summary>
    public const string OptionHelp =
        "A CSV of tweets (column text): those with one distinct emoji are kept, labelled by it, the emoji removed; " +
        "labels with <= --emoji-min tweets (default 1000) dropped.";

    /// <summary>The help line of <c>--emoji-min</c>.</summary>
    public const string MinimumHelp =
        "With --emoji-csv: drop emoji labels with this many tweets or fewer (default 1000).";

    /// <summary>Whether <paramref name="rune"/> is an emoji by the ranges of the class remarks.</summary>
    public static bool IsEmoji(Rune rune)
    {
        int c = rune.Value;
        if (c is >= 0x1F3FB and <= 0x1F3FF) return false;   // skin-tone modifiers
        return c is >= 0x1F300 and <= 0x1F64F or >= 0x1F680 and <= 0x1F6FF or >= 0x1F900 and <= 0x1FAFF
            or >= 0x2600 and <= 0x27BF;
    }

    /// <summary>The one distinct emoji of <paramref name="text"/> and the text without it (and without its
    /// modifiers), or null when the text has no emoji or several distinct ones.</summary>
    public static (string Emoji, string Text)? Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var emojis = text.EnumerateRunes().Where(IsEmoji).Distinct().ToList();
        if (emojis.Count != 1) return null;
        var rest = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
            if (!IsEmoji(rune) && !IsEmojiPart(rune)) rest.Append(rune.ToString());
        return (emojis[0].ToString(), rest.ToString());
    }

    /// <summary>The emoji variant of <paramref name="texts"/>: see the class summary. Labels are sorted by code
    /// point, as scikit-learn's LabelEncoder sorts them.</summary>
    /// <param name="texts">The tweets.</param>
    /// <param name="minimum">A label needs more than this many tweets to be kept.</param>
    /// <param name="source">The file, for the origin line and the errors.</param>
    /// <exception cref="InvalidDataException">No label keeps more than <paramref name="minimum"/> tweets.</exception>
    public static TweetData FromTexts(IReadOnlyList<string> texts, int minimum, string source)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        var split = texts.Select(Split).OfType<(string Emoji, string Text)>().ToList();
        var kept = split.GroupBy(s => s.Emoji).Where(g => g.Count() > minimum).Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var tweets = split.Where(s => kept.Contains(s.Emoji)).ToList();
        if (tweets.Count == 0)
            throw new InvalidDataException($"{source}: of {texts.Count:N0} tweets, {split.Count:N0} have one " +
                                           $"distinct emoji, but no emoji labels more than {minimum:N0} of them");
        var encoder = new LabelEncoder<string>();
        int[] labels = encoder.FitTransform(tweets.Select(t => t.Emoji));
        var origin = new DataOrigin("emoji_csv", false, source,
            $"Emoji tweets: {Path.GetFileName(source)}: {tweets.Count:N0} of {texts.Count:N0} tweets have one " +
            $"distinct emoji among the {kept.Count} with more than {minimum:N0} tweets (the emoji is the label)");
        return new TweetData([.. tweets.Select(t => t.Text)], labels, [.. encoder.Classes], origin);
    }

    /// <summary>Reads the <c>text</c> (or <c>content</c>) column of the CSV at <paramref name="path"/> and builds
    /// the emoji variant (<see cref="FromTexts"/>).</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The header has neither column.</exception>
    public static TweetData Load(string path, int minimum = BookMinimum)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{TweetData.EmojiCsvOption}: no file {path}", path);
        var table = CsvReader.Read(path);
        string column = table.Columns.Contains("text") ? "text"
            : table.Columns.Contains("content") ? "content"
            : throw new InvalidDataException($"{path}: the header ({string.Join(",", table.Columns)}) has no column " +
                                             "'text' or 'content' holding the tweets");
        return FromTexts(table.Strings(column), minimum, table.Source);
    }

    private static bool IsEmojiPart(Rune rune) => rune.Value is 0xFE0F or 0x200D or >= 0x1F3FB and <= 0x1F3FF;
}

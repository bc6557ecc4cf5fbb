using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DeepSeq.Samples.RecurrentProjects.HateSpeech;

/// <summary>
/// The project's cleaning of the Davidson tweets before BERT reads them: mentions → <c>&lt;user&gt;</c>, URLs →
/// <c>&lt;url&gt;</c>, emojis → <c>&lt;emotion&gt;</c>, the retweet marker "RT" dropped, the characters
/// <c>"</c>, <c>&amp;</c> and <c>#</c> dropped, lowercase.
/// </summary>
/// <remarks>
/// The file keeps Twitter's HTML escapes: <c>&amp;amp;</c>, <c>&amp;lt;</c>, and emojis as numeric character
/// references (<c>&amp;#128514;</c>, 6,005 of the 24,783 tweets have one). They are decoded first, so an emoji is
/// one character whichever way it was written. An emoji is a character of Unicode category <c>So</c> (other symbol:
/// ☺ ❤ and the pictographs above U+1F000) or of the private-use area (U+E000–U+F8FF, where old iPhones put theirs,
/// e.g. U+E011); a run of them is one <c>&lt;emotion&gt;</c> token, and the variation selectors and zero-width
/// joiners inside emoji sequences go with them. Typographic quotes (“ ” from <c>&amp;#8220;</c>) are dropped with
/// <c>"</c>. Whitespace is collapsed.
/// </remarks>
public static partial class TweetCleaning
{
    /// <summary>The cleaned text of one tweet.</summary>
    public static string Clean(string tweet)
    {
        ArgumentNullException.ThrowIfNull(tweet);
        string text = WebUtility.HtmlDecode(tweet);
        text = Url().Replace(text, " <url> ");
        text = Mention().Replace(text, " <user> ");
        text = Emojis(text);
        text = Retweet().Replace(text, " ");
        text = Dropped().Replace(text, "");
        return Whitespace().Replace(text, " ").Trim().ToLowerInvariant();
    }

    /// <summary>Each run of emoji characters (and the joiners and selectors inside it) → " &lt;emotion&gt; ".</summary>
    private static string Emojis(string text)
    {
        var result = new StringBuilder(text.Length);
        bool inRun = false;
        foreach (var rune in text.EnumerateRunes())
        {
            bool emoji = IsEmoji(rune), glue = rune.Value is 0x200D or (>= 0xFE00 and <= 0xFE0F);
            if (emoji || (inRun && glue))
            {
                if (!inRun) result.Append(" <emotion> ");
                inRun = true;
                continue;
            }
            inRun = false;
            result.Append(rune.ToString());
        }
        return result.ToString();
    }

    private static bool IsEmoji(Rune rune)
        => Rune.GetUnicodeCategory(rune) is UnicodeCategory.OtherSymbol or UnicodeCategory.PrivateUse;

    [GeneratedRegex(@"https?://\S+|www\.\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Mention();

    [GeneratedRegex(@"\bRT\b:?")]
    private static partial Regex Retweet();

    [GeneratedRegex("[\"“”&#]")]
    private static partial Regex Dropped();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

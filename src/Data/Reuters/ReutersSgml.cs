using System.Globalization;
using System.Text;

namespace DeepSeq.Data.Reuters;

/// <summary>
/// Parses one Reuters-21578 SGML file (<c>reut2-0NN.sgm</c>) into its <c>&lt;REUTERS&gt;</c> documents.
/// </summary>
/// <remarks>
/// <para>A small hand-written scanner, not a general SGML parser: a tag is <c>&lt;NAME attr="v" …&gt;</c> or
/// <c>&lt;/NAME&gt;</c> with NAME made of ASCII letters; any other <c>&lt;</c> (such as the <c>&lt;!DOCTYPE …&gt;</c>
/// line) is text. Every element must be closed by its own end tag (the files have no omitted end tags).
/// Text and attribute values have their entities decoded: <c>&amp;lt; &amp;gt; &amp;amp; &amp;quot; &amp;apos;</c>
/// and numeric ones (<c>&amp;#3;</c> → U+0003); an unknown named entity is kept as written.
/// Read the file as Latin-1: it is ASCII except for one 0xFC byte (ü) in <c>reut2-017.sgm</c>.</para>
/// <para>Errors are <see cref="DataFormatException"/>s whose message starts with <c>"&lt;file&gt;:&lt;line&gt;: "</c>:
/// a tag never closed, an end tag that closes nothing open, a tag cut off by the end of the file, an element
/// outside <c>&lt;REUTERS&gt;</c>, a missing or non-numeric <c>NEWID</c>/<c>OLDID</c>. Nothing half-parsed is
/// returned.</para>
/// </remarks>
public static class ReutersSgml
{
    /// <summary>Parses the whole text of one .sgm file; <paramref name="sourceName"/> names it in documents and
    /// errors.</summary>
    /// <returns>The documents in file order.</returns>
    public static List<ReutersDocument> Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var documents = new List<ReutersDocument>();
        var open = new Stack<Element>();
        DocumentBuilder? doc = null;
        int line = 1, i = 0;
        while (i < text.Length)
        {
            int lt = text.IndexOf('<', i);
            int textEnd = lt < 0 ? text.Length : lt;
            if (open.Count > 0) open.Peek().Text.Append(text, i, textEnd - i);
            line += CountNewlines(text, i, textEnd);
            if (lt < 0) break;
            i = lt;
            bool isEnd = i + 1 < text.Length && text[i + 1] == '/';
            int nameStart = i + (isEnd ? 2 : 1);
            if (nameStart >= text.Length || !char.IsAsciiLetter(text[nameStart]))
            {
                // Not a tag (e.g. "<!DOCTYPE"): keep the '<' as text.
                if (open.Count > 0) open.Peek().Text.Append('<');
                i++;
                continue;
            }
            int gt = text.IndexOf('>', nameStart);
            if (gt < 0 || text.IndexOf('<', nameStart, gt - nameStart) >= 0)
                throw Malformed(sourceName, line, $"the tag starting '{Snippet(text, i)}' has no closing '>'");
            string inside = text[nameStart..gt];
            int nameEnd = 0;
            while (nameEnd < inside.Length && char.IsAsciiLetter(inside[nameEnd])) nameEnd++;
            string name = inside[..nameEnd].ToUpperInvariant();
            int tagLine = line;
            line += CountNewlines(text, i, gt);
            i = gt + 1;

            if (isEnd)
            {
                if (open.Count == 0 || open.Peek().Name != name)
                    throw Malformed(sourceName, tagLine, open.Count == 0
                        ? $"</{name}> closes nothing"
                        : $"</{name}> found while <{open.Peek().Name}> (opened on line {open.Peek().Line}) " +
                          "is still open");
                var closed = open.Pop();
                string value = Decode(closed.Text.ToString(), sourceName, closed.Line);
                if (name == "REUTERS")
                {
                    documents.Add(doc!.Build(sourceName));
                    doc = null;
                }
                else if (open.Count > 0) Close(closed, value, open.Peek(), doc!);
                continue;
            }

            var attributes = ParseAttributes(inside[nameEnd..], sourceName, tagLine);
            if (name == "REUTERS")
            {
                if (open.Count > 0)
                    throw Malformed(sourceName, tagLine, $"<REUTERS> inside <{open.Peek().Name}> (opened on line " +
                        $"{open.Peek().Line}): an element was not closed");
                doc = new DocumentBuilder(attributes, tagLine, sourceName);
            }
            else if (open.Count == 0)
                throw Malformed(sourceName, tagLine, $"<{name}> outside any <REUTERS> document");
            open.Push(new Element(name, attributes, tagLine));
        }
        if (open.Count > 0)
            throw Malformed(sourceName, open.Peek().Line,
                $"<{open.Peek().Name}> is never closed (the file ends first)");
        return documents;
    }

    /// <summary>Decodes the SGML entities <c>&amp;lt; &amp;gt; &amp;amp; &amp;quot; &amp;apos;</c> and
    /// <c>&amp;#N;</c>/<c>&amp;#xN;</c>.</summary>
    /// <exception cref="FormatException">A character reference names a UTF-16 surrogate (U+D800–U+DFFF), which is
    /// not a character; inside a file the parser reports it as a <see cref="DataFormatException"/> with the
    /// line.</exception>
    public static string DecodeEntities(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!s.Contains('&')) return s;
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            int semi = s[i] == '&' ? s.IndexOf(';', i + 1) : -1;
            string? decoded = semi > i + 1 && semi - i <= 10 ? Entity(s[(i + 1)..semi]) : null;
            if (decoded is null) { sb.Append(s[i]); continue; }
            sb.Append(decoded);
            i = semi;
        }
        return sb.ToString();
    }

    private static string? Entity(string name) => name switch
    {
        "lt" => "<", "gt" => ">", "amp" => "&", "quot" => "\"", "apos" => "'",
        _ when name.Length > 2 && (name[1] == 'x' || name[1] == 'X') && name[0] == '#'
            && int.TryParse(name[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int h)
            && h is >= 0 and <= 0x10FFFF
            => Character(h, name),
        _ when name.Length > 1 && name[0] == '#'
            && int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out int d)
            && d is >= 0 and <= 0x10FFFF
            => Character(d, name),
        _ => null,
    };

    // char.ConvertFromUtf32 would throw ArgumentOutOfRangeException for a surrogate, naming neither the file nor
    // the entity.
    private static string Character(int code, string name) => code is >= 0xD800 and <= 0xDFFF
        ? throw new FormatException($"the character reference &{name}; names U+{code:X4}, a UTF-16 surrogate, " +
            "which is not a character")
        : char.ConvertFromUtf32(code);

    private static string Decode(string s, string source, int line)
    {
        try { return DecodeEntities(s); }
        catch (FormatException e) { throw new DataFormatException(source, $"line {line}", e.Message, e); }
    }

    // What a closed child element contributes to its parent or to the document.
    private static void Close(Element closed, string value, Element parent, DocumentBuilder doc)
    {
        switch (closed.Name)
        {
            case "D" when parent.Name == "TOPICS": doc.Topics.Add(value); break;
            case "DATE" when parent.Name == "REUTERS": doc.Date ??= value; break;
            case "TITLE" when parent.Name == "TEXT": doc.Title ??= value; break;
            case "DATELINE" when parent.Name == "TEXT": doc.Dateline ??= value; break;
            case "BODY" when parent.Name == "TEXT": doc.Body ??= value; break;
            case "TEXT" when parent.Name == "REUTERS":
                doc.TextType = closed.Attributes.GetValueOrDefault("TYPE", "NORM");
                doc.UnmarkedText = value.Trim();
                break;
        }
    }

    private static Dictionary<string, string> ParseAttributes(string s, string source, int line)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        int i = 0;
        while (true)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (i >= s.Length) return result;
            int start = i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or '_')) i++;
            if (i == start || i >= s.Length || s[i] != '=')
                throw Malformed(source, line, $"cannot read the attributes '{s.Trim()}' (expected NAME=\"value\")");
            string name = s[start..i].ToUpperInvariant();
            i++;
            string value;
            if (i < s.Length && s[i] is '"' or '\'')
            {
                int close = s.IndexOf(s[i], i + 1);
                if (close < 0) throw Malformed(source, line, $"the value of attribute {name} has no closing quote");
                value = s[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                int vs = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i])) i++;
                value = s[vs..i];
            }
            result[name] = Decode(value, source, line);
        }
    }

    private static int CountNewlines(string s, int from, int to)
    {
        int n = 0;
        for (int k = from; k < to; k++) if (s[k] == '\n') n++;
        return n;
    }

    private static string Snippet(string s, int at) => s.Substring(at, Math.Min(30, s.Length - at)).ReplaceLineEndings(
        " ");

    private static DataFormatException Malformed(string source, int line, string message)
        => new(source, $"line {line}", message);

    private sealed record Element(string Name, Dictionary<string, string> Attributes, int Line)
    {
        public StringBuilder Text { get; } = new();
    }

    private sealed class DocumentBuilder(Dictionary<string, string> attributes, int line, string source)
    {
        public List<string> Topics { get; } = [];
        public string? Date, Title, Dateline, Body;
        public string TextType = "NORM", UnmarkedText = "";

        public ReutersDocument Build(string sourceName) => new(
            Number("NEWID"), Number("OLDID"), attributes.GetValueOrDefault("TOPICS") == "YES",
            attributes.GetValueOrDefault("LEWISSPLIT", ""), attributes.GetValueOrDefault("CGISPLIT", ""), [.. Topics],
            Date, Title, Dateline, Body, TextType, UnmarkedText, line, sourceName);

        private int Number(string name) =>
            attributes.TryGetValue(name, out var v)
            && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int n)
                ? n
                : throw Malformed(source, line, attributes.ContainsKey(name)
                    ? $"<REUTERS> has a non-numeric {name}=\"{v}\""
                    : $"<REUTERS> has no {name} attribute");
    }
}

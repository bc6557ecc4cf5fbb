using System.Buffers;
using DeepSeq.Data.Formats;

namespace DeepSeq.Data.Csv;

/// <summary>
/// Reads comma-separated values as RFC 4180 defines them, into a <see cref="CsvTable"/> of strings.
/// </summary>
/// <remarks>
/// <para>The format, in the four rules a reader needs:</para>
/// <code>
/// 1. records end at a line break: CRLF, LF or a lone CR (all three are accepted; the last record may lack one)
/// 2. fields are separated by the delimiter (a comma unless <see cref="CsvOptions.Delimiter"/> says otherwise)
/// 3. a field that starts with " is quoted: it runs to the next lone ", and may hold delimiters and line breaks
/// 4. inside a quoted field a quote is written twice:  "she said ""hi"", then left"  →  she said "hi", then left
/// </code>
/// <para>
/// So the tweet <c>"ok,\n""fine"""</c> spans two physical lines but is one field, <c>ok,⏎"fine"</c>. That is why
/// a record's <em>line</em> (what error messages and <see cref="CsvTable.LineOf"/> give) is the 1-based physical
/// line where it starts, which can run ahead of its record number.
/// </para>
/// <para>Choices where RFC 4180 is silent or where real files stray from it (the choices of Python's <c>csv</c> and
/// pandas):</para>
/// <list type="bullet">
///   <item>Empty lines between records are skipped, as pandas does (<c>skip_blank_lines=True</c>). A record holding
///   one empty field is therefore written <c>""</c> by <see cref="CsvWriter"/>.</item>
///   <item>A quote in the middle of an unquoted field is kept as a plain character (<c>5" screen</c>), since many
///   writers produce it. Text after a closing quote (<c>"a"b</c>) is an error: it means a quote was not doubled.</item>
///   <item>Fields are never trimmed: <c> a </c> stays <c> a </c>. Numbers may carry surrounding spaces (see
///   <see cref="CsvTable"/>).</item>
///   <item>Text is UTF-8; a byte order mark is dropped. Bytes that are not UTF-8 are an error naming the line and
///   the byte offset, not silently replaced, unless <see cref="Utf8Decoding.Lenient"/> is passed.</item>
///   <item>A gzipped file is recognised by its first two bytes (1F 8B), not by its name; its trailer (CRC-32 and
///   length) is checked, so a truncated <c>.csv.gz</c> is refused rather than read as a shorter table.</item>
///   <item>The whole text is read into memory before parsing: the table it becomes is in memory anyway, and a
///   string lets each unquoted field be one <see cref="string.Substring(int, int)"/>.</item>
/// </list>
/// <para><b>Memory bound.</b> For a file of n bytes (uncompressed) the reader holds the bytes (n), the text
/// (2n: UTF-16) and the table: one 8-byte reference per field plus each non-empty field's characters, so at most
/// about 3n + 8·fields bytes besides .NET's per-string overhead (empty fields share one string). Field counts are
/// checked while scanning, field by field: a line with more fields than the header fails as soon as it has one too
/// many, so no row wider than the header is ever built (a 32 MB line of 16 million empty fields under a 3-column
/// header fails at its fourth field).</para>
/// <para>What goes wrong, and what is thrown (every message starts with the file name, then the line):</para>
/// <list type="bullet">
///   <item><see cref="DataFormatException"/> (path, position, reason): an empty file; a record whose field count
///   differs from the header's (or, without a header, from the first record's); a quote still open at the end of
///   the file; text after a closing quote; bytes that are not UTF-8; a damaged or truncated gzip stream. Nothing
///   half-read is ever returned.</item>
///   <item><see cref="ArgumentException"/>: a delimiter that is a quote, CR or LF.</item>
/// </list>
/// </remarks>
public static class CsvReader
{
    /// <summary>Reads the CSV file (optionally gzipped) at <paramref name="path"/>.</summary>
    /// <param name="path">The file; its name is the source named in error messages.</param>
    /// <param name="options">Delimiter and header; default comma-separated with a header row.</param>
    /// <param name="utf8">How bytes that are not UTF-8 are treated; default <see cref="Utf8Decoding.Strict"/>
    /// (refused, naming the line and byte).</param>
    public static CsvTable Read(string path, CsvOptions? options = null, Utf8Decoding? utf8 = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path, options, utf8);
    }

    /// <summary>
    /// Reads CSV (optionally gzipped) from <paramref name="stream"/>, from its current position to its end;
    /// <paramref name="sourceName"/> names it in error messages.
    /// </summary>
    public static CsvTable Read(Stream stream, string sourceName, CsvOptions? options = null,
        Utf8Decoding? utf8 = null)
    {
        var opts = options ?? CsvOptions.Default;
        opts.Validate();
        return Parse(ReadText(stream, sourceName, utf8 ?? Utf8Decoding.Strict), sourceName, opts);
    }

    /// <summary>Parses CSV already held in a string (no gzip, no decoding); handy for tests and small inline
    /// tables.</summary>
    public static CsvTable Parse(string text, string sourceName, CsvOptions? options = null)
    {
        var opts = options ?? CsvOptions.Default;
        opts.Validate();
        var (records, lines) = ParseRecords(text, sourceName, opts.Delimiter, opts.HasHeader);
        if (records.Count == 0)
            throw Malformed(sourceName, "end of file", text.Length == 0
                ? "the file is empty; expected CSV records"
                : "the file holds only empty lines; expected CSV records");

        if (opts.HasHeader)
            return new CsvTable(sourceName, records[0], records[1..], lines[1..]);
        var names = Enumerable.Range(0, records[0].Length)
            .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        return new CsvTable(sourceName, names, records, lines);
    }

    // Decompresses (when the first bytes are the gzip magic; the trailer is verified) and decodes the whole stream.
    private static string ReadText(Stream stream, string source, Utf8Decoding utf8)
    {
        // Looking at the magic means reading two bytes and going back; a stream that cannot seek is copied first.
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        var bytes = new MemoryStream();
        if (GzipInput.HasMagic(stream))
        {
            using var gzip = GzipInput.Open(stream, source, leaveOpen: true);
            gzip.CopyTo(bytes);
        }
        else stream.CopyTo(bytes);
        return utf8.Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), source);
    }

    /// <summary>
    /// Splits <paramref name="text"/> into records of fields, with the 1-based physical line each record starts on.
    /// Every record must have as many fields as the first one (the header, or the first record without one): the
    /// count is checked field by field while scanning, so a wrong line fails before a row wider than the header is
    /// built.
    /// </summary>
    internal static (List<string[]> Records, List<int> Lines) ParseRecords(
        string text, string source, char delimiter, bool hasHeader = true)
    {
        var records = new List<string[]>();
        var lines = new List<int>();
        var fields = new List<string>();
        // The characters that end an unquoted field; IndexOfAny over SearchValues is vectorised.
        var stops = SearchValues.Create([delimiter, '\r', '\n']);
        int n = text.Length, pos = 0, line = 1;

        while (pos < n)
        {
            if (text[pos] is '\r' or '\n')   // an empty line: no record (see remarks)
            {
                pos = SkipLineBreak(text, pos);
                line++;
                continue;
            }
            int recordLine = line;
            fields.Clear();
            int expected = records.Count == 0 ? int.MaxValue : records[0].Length;
            while (true)
            {
                if (fields.Count == expected)   // one field too many: stop before reading it
                    throw TooWide(source, recordLine, fields.Count + 1, expected, lines[0], hasHeader);
                if (pos < n && text[pos] == '"')
                {
                    int openLine = line;
                    int contentStart = pos + 1, from = contentStart;
                    bool doubled = false;
                    while (true)
                    {
                        int quote = text.IndexOf('"', from);
                        if (quote < 0)
                            throw Malformed(source, $"line {openLine}",
                                $"field {fields.Count + 1} opens a quote that " +
                                "is never closed before the end of the file");
                        line += CountLineBreaks(text, from, quote);
                        // "" is one quote
                        if (quote + 1 < n && text[quote + 1] == '"') { doubled = true; from = quote + 2; continue; }
                        string raw = text[contentStart..quote];
                        fields.Add(doubled ? raw.Replace("\"\"", "\"") : raw);
                        pos = quote + 1;
                        break;
                    }
                    if (pos < n && text[pos] != delimiter && text[pos] is not ('\r' or '\n'))
                        throw Malformed(source, $"line {line}",
                            $"field {fields.Count} has text after its closing quote " +
                            $"(…\"{Excerpt(text, pos)}); a quote inside a quoted field must be written twice (\"\")");
                }
                else
                {
                    int length = text.AsSpan(pos).IndexOfAny(stops);
                    if (length < 0) length = n - pos;
                    fields.Add(text.Substring(pos, length));
                    pos += length;
                }
                if (pos < n && text[pos] == delimiter) { pos++; continue; }   // another field follows, maybe empty
                break;   // a line break or the end of the text
            }
            if (pos < n) { pos = SkipLineBreak(text, pos); line++; }
            if (fields.Count < expected && records.Count > 0)
                throw Malformed(source, $"line {recordLine}", $"the record has {fields.Count} fields but the " +
                    $"{(hasHeader ? "header" : "first record")} (line {lines[0]}) has {expected}; a field holding " +
                    "the delimiter or a line break must be quoted");
            records.Add([.. fields]);
            lines.Add(recordLine);
        }
        return (records, lines);
    }

    private static DataFormatException TooWide(
        string source, int line, int fields, int expected, int firstLine, bool hasHeader)
        => Malformed(source, $"line {line}", $"the record has {fields} fields (at least: the scan stops at the " +
            $"first one too many) but the {(hasHeader ? "header" : "first record")} (line {firstLine}) has " +
            $"{expected}; a field holding the delimiter or a line break must be quoted");

    // pos is at CR or LF; returns the position after the line break (CRLF counts as one).
    private static int SkipLineBreak(string text, int pos)
        => text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? pos + 2 : pos + 1;

    // Line breaks in text[from..to): every LF, and every CR not followed by LF.
    private static int CountLineBreaks(string text, int from, int to)
    {
        int count = 0;
        for (int i = from; i < to; i++)
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) count++;
        return count;
    }

    private static string Excerpt(string text, int pos)
    {
        int end = pos;
        while (end < text.Length && end - pos < 20 && text[end] is not ('\r' or '\n')) end++;
        return text[pos..end];
    }

    internal static DataFormatException Malformed(string source, string position, string message)
        => new(source, position, message);
}

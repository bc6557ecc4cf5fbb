using System.IO.Compression;
using System.Text;
using DeepSeq.IO;

namespace DeepSeq.Data.Csv;

/// <summary>
/// Writes RFC 4180 CSV that <see cref="CsvReader"/> (and Python's <c>csv</c>, pandas, Excel) read back unchanged.
/// </summary>
/// <remarks>
/// <para>
/// A field is quoted only when it must be: when it holds the delimiter, a quote, a CR or an LF, or when it is the
/// only field of a record and empty (an unquoted empty line would read back as no record at all). Quotes inside a
/// quoted field are doubled. Records end with CRLF, as the RFC specifies; the text is UTF-8 without a byte order mark.
/// </para>
/// <para>
/// Writing to a path is atomic (<see cref="AtomicFile"/>): the text goes to a temporary file in the same folder, which
/// is flushed to disk and then renamed over <c>path</c>. A crash or an exception half way (a ragged row, a failing row
/// enumerator) leaves any earlier file untouched and no partial file behind. A path ending in <c>.gz</c> is written
/// gzipped.
/// </para>
/// </remarks>
public static class CsvWriter
{
    /// <summary>Writes <paramref name="table"/> (its header, then its rows) to <paramref name="path"/>.</summary>
    public static void Write(string path, CsvTable table, char delimiter = ',')
        => Write(path, table.Columns, table.Rows, delimiter);

    /// <summary>Writes a header row (unless <paramref name="header"/> is <c>null</c>) and <paramref name="rows"/> to
    /// <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file to create or replace; gzipped when it ends in <c>.gz</c>.</param>
    /// <param name="header">The column names, or <c>null</c> for a file without a header row.</param>
    /// <param name="rows">The records; each as wide as the header (or as the first row when there is no
    /// header).</param>
    /// <param name="delimiter">The field separator; default <c>','</c>.</param>
    public static void Write(
        string path, IReadOnlyList<string>? header, IEnumerable<IReadOnlyList<string>> rows, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(path);
        bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        AtomicFile.Write(path, file =>
        {
            Stream body = gzip ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true) : file;
            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            using (var writer = new StreamWriter(body, utf8, bufferSize: 1 << 16, leaveOpen: true))
                Write(writer, header, rows, delimiter);
            if (gzip) body.Dispose();   // writes the gzip trailer; AtomicFile flushes `file` to disk afterwards
        });
    }

    /// <summary>Writes a header row (unless <paramref name="header"/> is <c>null</c>) and <paramref name="rows"/> to
    /// <paramref name="writer"/>.</summary>
    public static void Write(
        TextWriter writer, IReadOnlyList<string>? header, IEnumerable<IReadOnlyList<string>> rows, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        new CsvOptions(delimiter).Validate();
        int width = -1;
        if (header is not null)
        {
            if (header.Count == 0)
                throw new ArgumentException("the header has no columns; a CSV record has at least one field",
                    nameof(header));
            width = header.Count;
            WriteRecord(writer, header, delimiter, "the header");
        }
        int index = 0;
        foreach (var row in rows)
        {
            if (width < 0)
            {
                if (row.Count == 0)
                    throw new ArgumentException(
                        "row 0 has no fields; a CSV record has at least one field", nameof(rows));
                width = row.Count;
            }
            else if (row.Count != width)
                throw new ArgumentException($"row {index} has {row.Count} fields but the " +
                    $"{(header is null ? "first row" : "header")} has {width}", nameof(rows));
            WriteRecord(writer, row, delimiter, $"row {index}");
            index++;
        }
    }

    private static void WriteRecord(TextWriter writer, IReadOnlyList<string> fields, char delimiter, string what)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            string field = fields[i] ?? throw new ArgumentException(
                $"{what}, field {i} is null; write an empty string for an empty cell");
            if (i > 0) writer.Write(delimiter);
            bool quote = field.AsSpan().IndexOfAny(['"', '\r', '\n', delimiter]) >= 0
                         || (fields.Count == 1 && field.Length == 0);
            if (!quote) { writer.Write(field); continue; }
            writer.Write('"');
            writer.Write(field.Replace("\"", "\"\""));
            writer.Write('"');
        }
        writer.Write("\r\n");
    }
}

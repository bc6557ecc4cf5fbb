using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace DeepSeq.Data.Reuters;

/// <summary>
/// Reuters-21578, Distribution 1.0, read straight from <c>reuters21578.tar.gz</c> without unpacking:
/// every <c>&lt;REUTERS&gt;</c> document of the 22 files <c>reut2-000.sgm</c> … <c>reut2-021.sgm</c> (21,578 in all).
/// </summary>
/// <remarks>
/// Members named <c>reut2-NNN.sgm</c> (in any folder) are parsed with <see cref="ReutersSgml"/>, as Latin-1,
/// in file-name order; other members (README, DTD, category lists) are skipped. Errors are
/// <see cref="InvalidDataException"/>s starting with the archive's name (and, for SGML errors, the member and line):
/// not a gzip file, a damaged or truncated archive (checked against the gzip trailer), no .sgm member,
/// a NEWID given twice. Nothing half-loaded is returned.
/// </remarks>
public static partial class Reuters21578
{
    /// <summary>Reads all documents from the archive at <paramref name="tarGzPath"/>.</summary>
    public static List<ReutersDocument> Load(string tarGzPath)
    {
        ArgumentNullException.ThrowIfNull(tarGzPath);
        using var file = File.OpenRead(tarGzPath);
        return Load(file, tarGzPath);
    }

    /// <summary>Reads all documents from a seekable stream holding the .tar.gz; <paramref name="sourceName"/> names it
    /// in errors.</summary>
    public static List<ReutersDocument> Load(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (!stream.CanSeek)
            throw new NotSupportedException(
                $"{sourceName}: the stream must be seekable, so the gzip trailer can be checked");
        uint expectedLength = Formats.GzipArchive.DeclaredLength(stream, sourceName);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);   // file name → text
        long decompressed;
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var counted = new Formats.GzipArchive.CountingStream(gzip);
            using (var tar = new TarReader(counted, leaveOpen: true))
            {
                while (tar.GetNextEntry() is { } entry)
                {
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                    string fileName = entry.Name[(entry.Name.LastIndexOf('/') + 1)..];
                    if (!SgmFile().IsMatch(fileName)) continue;
                    if (files.ContainsKey(fileName))
                        throw new InvalidDataException($"{sourceName}: the member {fileName} appears twice");
                    using var reader = new StreamReader(
                        entry.DataStream ?? Stream.Null, Encoding.Latin1, detectEncodingFromByteOrderMarks: false);
                    files[fileName] = reader.ReadToEnd();
                }
            }
            counted.CopyTo(Stream.Null);
            decompressed = counted.BytesRead;
        }
        // (.NET's tar reader throws OverflowException for a corrupt size field in a header.)
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException
                                       or OverflowException
                                  && !e.Message.StartsWith(sourceName, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{sourceName}: damaged or truncated archive: {e.Message}", e);
        }
        if ((uint)decompressed != expectedLength)
            throw new InvalidDataException($"{sourceName}: truncated or damaged archive: {decompressed} bytes " +
                $"decompressed, but the gzip trailer says {expectedLength} (mod 2^32)");
        if (files.Count == 0)
            throw new InvalidDataException($"{sourceName}: no reut2-NNN.sgm member found");

        var documents = new List<ReutersDocument>();
        var seen = new Dictionary<int, ReutersDocument>();
        foreach (var (fileName, text) in files)
        {
            foreach (var doc in ReutersSgml.Parse(text, $"{sourceName}/{fileName}"))
            {
                if (!seen.TryAdd(doc.NewId, doc))
                    throw new InvalidDataException($"{doc.SourceFile}:{doc.Line}: NEWID {doc.NewId} was already used " +
                        $"in {seen[doc.NewId].SourceFile}:{seen[doc.NewId].Line}");
                documents.Add(doc);
            }
        }
        return documents;
    }


    [GeneratedRegex(@"^reut2-[0-9]{3}\.sgm$")]
    private static partial Regex SgmFile();

}

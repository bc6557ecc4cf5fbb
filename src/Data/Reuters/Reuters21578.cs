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
/// <see cref="DataFormatException"/>s starting with the archive's name (and, for SGML errors, the member and line):
/// not a gzip file, a damaged or truncated archive (checked against the gzip trailer's CRC-32 and length and the tar
/// end-of-archive marker), a GNU sparse member, no .sgm member, a NEWID given twice. Nothing half-loaded is returned.
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
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);   // file name → text
        Formats.TarGzInput.ForEachFile(stream, sourceName, (name, data) =>
        {
            string fileName = name[(name.LastIndexOf('/') + 1)..];
            if (!SgmFile().IsMatch(fileName)) return;
            if (files.ContainsKey(fileName))
                throw new DataFormatException(sourceName, $"member {name}", $"a second member named {fileName}");
            files[fileName] = Encoding.Latin1.GetString(Formats.TarGzInput.ReadAll(data));   // every byte is Latin-1
        });
        if (files.Count == 0)
            throw new DataFormatException(sourceName, "end of archive", "no reut2-NNN.sgm member found");

        var documents = new List<ReutersDocument>();
        var seen = new Dictionary<int, ReutersDocument>();
        foreach (var (fileName, text) in files)
        {
            foreach (var doc in ReutersSgml.Parse(text, $"{sourceName}/{fileName}"))
            {
                if (!seen.TryAdd(doc.NewId, doc))
                    throw new DataFormatException(doc.SourceFile, $"line {doc.Line}", $"NEWID {doc.NewId} was " +
                        $"already used in {seen[doc.NewId].SourceFile}:{seen[doc.NewId].Line}");
                documents.Add(doc);
            }
        }
        return documents;
    }


    [GeneratedRegex(@"^reut2-[0-9]{3}\.sgm$")]
    private static partial Regex SgmFile();

}

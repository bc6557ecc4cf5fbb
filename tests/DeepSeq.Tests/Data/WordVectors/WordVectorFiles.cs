using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace DeepSeq.Tests.Data.WordVectors;

/// <summary>Writes small GloVe text and word2vec binary files for the tests, in a temporary folder deleted on Dispose.</summary>
internal sealed class WordVectorFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deepseq-wordvectors-").FullName;
    private int _count;

    public string Path(string extension) => System.IO.Path.Combine(_dir, $"f{_count++}{extension}");

    /// <summary>Writes <paramref name="text"/> as UTF-8 without BOM.</summary>
    public string Text(string text, bool gzip = false) => Bytes(new UTF8Encoding(false).GetBytes(text), gzip, ".txt");

    public string GloVe(IEnumerable<(string Word, float[] Vector)> records, bool gzip = false)
        => Text(string.Concat(records.Select(r => r.Word + " " + string.Join(' ', r.Vector.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "\n")), gzip);

    /// <summary>The word2vec binary layout; <paramref name="vocab"/> and <paramref name="dim"/> override the header's numbers.</summary>
    public static byte[] Word2VecBytes(IReadOnlyList<(string Word, float[] Vector)> records, int dim, long? vocab = null, bool newlines = true)
    {
        var output = new MemoryStream();
        output.Write(Encoding.ASCII.GetBytes($"{vocab ?? records.Count} {dim}\n"));
        foreach (var (word, vector) in records)
        {
            output.Write(Encoding.UTF8.GetBytes(word + " "));
            foreach (float v in vector) output.Write(BitConverter.GetBytes(v));   // little-endian on every .NET platform we run on
            if (newlines) output.WriteByte((byte)'\n');
        }
        return output.ToArray();
    }

    public string Word2Vec(IReadOnlyList<(string Word, float[] Vector)> records, int dim, long? vocab = null, bool gzip = false, bool newlines = true)
        => Bytes(Word2VecBytes(records, dim, vocab, newlines), gzip, ".bin");

    public string Bytes(byte[] bytes, bool gzip = false, string extension = ".bin")
    {
        string path = Path(extension);   // no ".gz": gzip must be found by its magic bytes, not its name
        if (gzip)
        {
            using var file = File.Create(path);
            using var z = new GZipStream(file, CompressionLevel.Fastest);
            z.Write(bytes);
        }
        else File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

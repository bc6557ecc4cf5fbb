using System.Text;
using DeepSeq.Data;
using DeepSeq.Data.Csv;
using DeepSeq.Data.WordVectors;
using Xunit;

namespace DeepSeq.Tests.Data;

/// <summary>
/// <see cref="Utf8Decoding"/> through the loaders that take it: strict errors give the line and the byte offset in
/// the file (not in a read buffer), lenient decoding equals <see cref="Encoding.UTF8"/> and counts what it replaced.
/// </summary>
public sealed class Utf8DecodingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deepseq-utf8-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(byte[] bytes)
    {
        string path = Path.Combine(_dir, $"f{Guid.NewGuid():N}.txt");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// Issue 15: the error gave an index into the decoder's buffer. A bad byte 240 KB into a GloVe file (far past
    /// any read buffer) must be reported at its line and its offset from the start of the file.
    /// </summary>
    [Fact]
    public void InvalidUtf8ErrorGivesTheFilesLineAndByteOffset()
    {
        var good = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 20_000).Select(i => $"w{i:D5} 1 2 3\n")));
        string path = Write([.. good, .. "caf"u8, 0xE9, .. " 1 2 3\n"u8]);
        var e = Assert.Throws<DataFormatException>(() => GloVe.Read(path).ToList());
        Assert.Equal(("line 20001", $"byte {good.Length + 3:N0}"), (e.Position.Split(", ")[0], e.Position.Split(", ")[1]));
    }

    /// <summary>Every kind of invalid sequence (a lone continuation byte, an overlong form, an encoded surrogate, a
    /// cut sequence, a byte UTF-8 never uses) becomes what <see cref="Encoding.UTF8"/> makes of it, and each U+FFFD
    /// is counted; the first is located.</summary>
    [Fact]
    public void LenientDecodingEqualsEncodingUtf8AndCountsReplacements()
    {
        byte[] cell = [.. "a"u8, 0x80, .. "b"u8, 0xC0, 0xAF, .. "c"u8, 0xED, 0xA0, 0x80, .. "d"u8, 0xE2, 0x82, .. "e"u8, 0xFF];
        string path = Write([.. "text\n"u8, .. cell, .. "\n"u8]);
        var utf8 = Utf8Decoding.Lenient();
        var table = CsvReader.Read(path, utf8: utf8);
        string expected = Encoding.UTF8.GetString(cell);
        Assert.Equal(expected, table[0, 0]);
        Assert.Equal(expected.Count(c => c == '\uFFFD'), utf8.Replacements);
        Assert.Equal($"{path}: line 2, byte 6", utf8.FirstReplacement);
    }

    [Fact]
    public void StrictIsTheDefaultAndNeverCounts()
    {
        string path = Write([.. "text\nx"u8, 0xFF, .. "\n"u8]);
        Assert.Throws<DataFormatException>(() => CsvReader.Read(path));
        Assert.Throws<DataFormatException>(() => CsvReader.Read(path, utf8: Utf8Decoding.Strict));
        Assert.False(Utf8Decoding.Strict.IsLenient);
        Assert.Equal(0, Utf8Decoding.Strict.Replacements);
    }
}

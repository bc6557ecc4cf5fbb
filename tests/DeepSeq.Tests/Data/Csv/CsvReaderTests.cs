using DeepSeq.Data;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DeepSeq.Data.Csv;
using Xunit;
using Xunit.Abstractions;
using static DeepSeq.Tests.Data.Csv.CsvChecks;

namespace DeepSeq.Tests.Data.Csv;

/// <summary>
/// Golden parses: the examples of RFC 4180 §2 (rules 1–7, quoted here with their number), then the line-ending,
/// header, delimiter, encoding and gzip choices documented on <see cref="CsvReader"/>; its refusals, each naming the
/// file and the line; the line of each record written by <see cref="CsvWriter"/> (an FsCheck property); and the two
/// tweet corpora in <c>../shared/data</c>, whose counts come from each folder's SOURCE.md (a test passes with a
/// message saying so when its file is absent: xunit 2 has no dynamic skip).
/// </summary>
public sealed class CsvReaderTests(ITestOutputHelper output)
{
    private static CsvTable Parse(string text, bool header = false, char delimiter = ',')
        => CsvReader.Parse(text, "test.csv", new CsvOptions(delimiter, header));

    private static string[][] Cells(CsvTable t) => [.. t.Rows.Select(r => r.ToArray())];

    private static DataFormatException ParseFails(string text, bool header = true)
        => Assert.Throws<DataFormatException>(() => CsvReader.Parse(text, "bad.csv", new CsvOptions(HasHeader: header)));

    // RFC 4180 §2.1: "Each record is located on a separate line, delimited by a line break (CRLF)."
    [Fact]
    public void Rfc1_RecordsEndAtCrLf()
    {
        var t = Parse("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n");
        Assert.Equal([["aaa", "bbb", "ccc"], ["zzz", "yyy", "xxx"]], Cells(t));
        Assert.Equal(["0", "1", "2"], t.Columns);
    }

    // §2.2: "The last record in the file may or may not have an ending line break."
    [Fact]
    public void Rfc2_LastRecordMayLackALineBreak()
        => Assert.Equal([["aaa", "bbb", "ccc"], ["zzz", "yyy", "xxx"]], Cells(Parse("aaa,bbb,ccc\r\nzzz,yyy,xxx")));

    // §2.3: "There maybe an optional header line appearing as the first line of the file."
    [Fact]
    public void Rfc3_OptionalHeaderLine()
    {
        var t = Parse("field_name,field_name2,field_name3\r\naaa,bbb,ccc\r\nzzz,yyy,xxx\r\n", header: true);
        Assert.Equal(["field_name", "field_name2", "field_name3"], t.Columns);
        Assert.Equal(2, t.RowCount);
        Assert.Equal([2, 3], new[] { t.LineOf(0), t.LineOf(1) });
    }

    // §2.4: "Spaces are considered part of a field and should not be ignored." Trailing comma → empty last field.
    [Fact]
    public void Rfc4_SpacesArePartOfTheFieldAndEmptyFieldsCount()
    {
        Assert.Equal([[" aaa ", "bbb", " ccc"]], Cells(Parse(" aaa ,bbb, ccc")));
        Assert.Equal([["a", "", "c", ""]], Cells(Parse("a,,c,\n")));
    }

    // §2.5: "Each field may or may not be enclosed in double quotes."
    [Fact]
    public void Rfc5_QuotedAndUnquotedFieldsMix()
        => Assert.Equal([["aaa", "bbb", "ccc"], ["zzz", "yyy", ""]], Cells(Parse("\"aaa\",\"bbb\",\"ccc\"\r\nzzz,yyy,\"\"\r\n")));

    // §2.6: "Fields containing line breaks (CRLF), double quotes, and commas should be enclosed in double-quotes."
    [Fact]
    public void Rfc6_QuotedFieldsHoldLineBreaksAndCommas()
    {
        var t = Parse("\"aaa\",\"b\r\nbb\",\"c,c\"\r\nzzz,yyy,xxx\r\n");
        Assert.Equal([["aaa", "b\r\nbb", "c,c"], ["zzz", "yyy", "xxx"]], Cells(t));
        Assert.Equal(1, t.LineOf(0));
        Assert.Equal(3, t.LineOf(1));   // the first record spans physical lines 1 and 2
    }

    // §2.7: "a double-quote appearing inside a field must be escaped by preceding it with another double quote."
    [Fact]
    public void Rfc7_DoubledQuotesAreOneQuote()
        => Assert.Equal([["aaa", "b\"bb", "ccc"], ["\"", "\"\"", ""]], Cells(Parse("\"aaa\",\"b\"\"bb\",\"ccc\"\n\"\"\"\",\"\"\"\"\"\",\"\"")));

    [Fact]
    public void LfAndLoneCrEndRecordsToo()
    {
        var t = Parse("a,b\nc,d\re,f\r\ng,h");
        Assert.Equal([["a", "b"], ["c", "d"], ["e", "f"], ["g", "h"]], Cells(t));
        Assert.Equal([1, 2, 3, 4], Enumerable.Range(0, 4).Select(t.LineOf));
    }

    [Fact]
    public void LineNumbersCountBreaksInsideQuotesOfEveryKind()
    {
        var t = Parse("x\n\"1\n2\r3\r\n4\"\ny\n");
        Assert.Equal([["x"], ["1\n2\r3\r\n4"], ["y"]], Cells(t));
        Assert.Equal(6, t.LineOf(2));   // LF, lone CR and CRLF inside the quotes are one line break each
    }

    [Fact]
    public void BlankLinesAreSkippedButAQuotedEmptyFieldIsARecord()
    {
        var t = Parse("a\n\n\r\nb\n\"\"\n");
        Assert.Equal([["a"], ["b"], [""]], Cells(t));
        Assert.Equal([1, 4, 5], Enumerable.Range(0, 3).Select(t.LineOf));
    }

    [Fact]
    public void AQuoteInsideAnUnquotedFieldIsKept()
        => Assert.Equal([["5\" screen", "a\"b\""]], Cells(Parse("5\" screen,a\"b\"")));

    [Fact]
    public void OtherDelimiters()
    {
        Assert.Equal([["a,b", "c"]], Cells(Parse("a,b\tc", delimiter: '\t')));
        Assert.Equal([["1,5", "x;y"]], Cells(Parse("1,5;\"x;y\"", delimiter: ';')));
    }

    [Fact]
    public void HeaderOnlyFileHasNoRows()
    {
        var t = Parse("a,b,c\n", header: true);
        Assert.Equal(["a", "b", "c"], t.Columns);
        Assert.Equal(0, t.RowCount);
        Assert.Empty(t.Doubles("a"));
    }

    [Fact]
    public void ByteOrderMarkIsDroppedAndUtf8Decoded()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("naïve,日本\n1,😀\n")];
        var t = CsvReader.Read(new MemoryStream(bytes), "bom.csv");
        Assert.Equal(["naïve", "日本"], t.Columns);
        Assert.Equal("😀", t[0, 1]);
    }

    [Fact]
    public void GzipIsDetectedByContentNotName()
    {
        var plain = Encoding.UTF8.GetBytes("a,b\n1,\"x\ny\"\n");
        var packed = new MemoryStream();
        using (var gz = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(plain);
        var t = CsvReader.Read(new MemoryStream(packed.ToArray()), "no-extension");
        Assert.Equal("x\ny", t[0, 1]);
        // A stream that cannot seek is copied first, so gzip works there too.
        var forward = CsvReader.Read(new ForwardOnly(packed.ToArray()), "pipe");
        Assert.Equal("x\ny", forward[0, 1]);
    }

    [Fact]
    public void RaggedRecordNamesLineAndBothCounts()
    {
        var e = ParseFails("a,b,c\n1,2,3\n\"x\ny\",2\n");
        Assert.StartsWith("bad.csv: ", e.Message);
        Contains(e, "line 3", "2 fields", "header (line 1) has 3");
        Contains(ParseFails("1,2\n1,2,3\n", header: false), "line 2", "3 fields", "first record (line 1) has 2");
    }

    [Fact]
    public void UnterminatedQuoteNamesTheLineWhereItOpened()
        => Contains(ParseFails("a,b\n1,2\n3,\"never\nclosed\n"), "bad.csv: line 3", "field 2", "never closed");

    [Fact]
    public void TextAfterAClosingQuoteIsAnUndoubledQuote()
        => Contains(ParseFails("a,b\n\"say \"hi\"\",2\n"), "bad.csv: line 2", "field 1", "after its closing quote", "hi");

    [Fact]
    public void EmptyFilesAreRefused()
    {
        Contains(ParseFails(""), "bad.csv: end of file: the file is empty");
        Contains(ParseFails("\n\r\n"), "only empty lines");
        Contains(Assert.Throws<DataFormatException>(() => CsvReader.Read(new MemoryStream(), "empty.csv")), "empty.csv: end of file: the file is empty");
    }

    [Fact]
    public void InvalidUtf8InCsvIsRefusedWithLineAndByte()
        => Contains(Assert.Throws<DataFormatException>(() => CsvReader.Read(new MemoryStream([0x61, 0x2C, 0xFF, 0xFE, 0x0A]), "latin.csv")),
            "latin.csv: line 1, byte 2: invalid UTF-8 (bytes FF)");

    private static byte[] Gzipped(string text)
    {
        var packed = new MemoryStream();
        using (var gz = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Encoding.UTF8.GetBytes(text));
        return packed.ToArray();
    }

    [Fact]
    public void GzipCsvWithAChangedCrcIsRefused()
    {
        byte[] bytes = Gzipped("a,b\n1,2\n");
        bytes[^6] ^= 0xFF;   // corrupt the CRC-32 in the gzip trailer
        Contains(Assert.Throws<DataFormatException>(() => CsvReader.Read(new MemoryStream(bytes), "x.csv.gz")), "x.csv.gz: ", "gzip");
    }

    /// <summary>
    /// Issue 15: a .csv.gz cut short read as a shorter table (GZipStream ends quietly at a missing trailer, and a
    /// deflate stream cut at a block boundary decodes). Cuts in the trailer (the rows all decode) and in the deflate
    /// data must both be refused with the file named.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(20)]
    public void TruncatedGzipCsvIsRefused(int cut)
    {
        byte[] bytes = Gzipped("a,b\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"{i},{i * i}\n")));
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(new MemoryStream(bytes[..^cut]), "x.csv.gz"));
        Assert.Equal("x.csv.gz", e.Path);
        Contains(e, "gzip");
    }

    /// <summary>
    /// Issue 15: a line of 4 million empty fields under a 2-column header allocated about 72 bytes per field (the
    /// whole row was built before its width was checked). It must fail at its third field, allocating next to
    /// nothing beyond the text itself.
    /// </summary>
    [Fact]
    public void HugeEmptyCsvLineFailsBeforeAllocating()
    {
        string text = "a,b\n" + new string(',', 4_000_000) + "\n";
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = ParseFails(text);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Contains(e, "bad.csv: line 2", "3 fields");
        Assert.True(allocated < 1_000_000, $"the failing parse allocated {allocated:N0} bytes");
    }

    [Fact]
    public void LinesAreWhereTheRecordsStart() => Property(Table, t =>
    {
        string[][] rows = !t.Header && t.Rows.Length == 0 ? [t.Names] : t.Rows;
        var text = new StringWriter();
        CsvWriter.Write(text, t.Header ? t.Names : null, rows, t.Delimiter);

        var table = CsvReader.Parse(text.ToString(), "roundtrip.csv", new CsvOptions(t.Delimiter, t.Header));

        // Recount independently: each record written ends in CRLF, and its cells add their own line breaks.
        string physical = text.ToString().Replace("\r\n", "\n").Replace('\r', '\n');
        string[] lines = physical.Split('\n');
        int line = 1 + (t.Header ? 1 + t.Names.Sum(BreaksIn) : 0);
        for (int r = 0; r < rows.Length; r++)
        {
            Assert.Equal(line, table.LineOf(r));
            Assert.True(line <= lines.Length);
            line += 1 + rows[r].Sum(BreaksIn);
        }
    });

    // Line breaks inside one cell: CRLF, lone CR and LF count one each.
    private static int BreaksIn(string cell) => cell.Replace("\r\n", "\n").Count(c => c is '\r' or '\n');

    [Fact]
    public void TextEmotionHas40000TweetsIn13Sentiments()
    {
        if (SharedData.Find(output, "text_emotion", "text_emotion.csv") is not string path) return;
        var clock = Stopwatch.StartNew();

        var table = CsvReader.Read(path);

        Assert.Equal(["tweet_id", "sentiment", "author", "content"], table.Columns);
        Assert.Equal(40_000, table.RowCount);
        var counts = table.Strings("sentiment").CountBy(s => s).ToDictionary();
        Assert.Equal(13, counts.Count);
        Assert.Equal(8_638, counts["neutral"]);   // SOURCE.md: neutral 8,638 … anger 110
        Assert.Equal(110, counts["anger"]);
        Assert.Equal(40_000, table.Longs("tweet_id").Distinct().Count());
        output.WriteLine($"read {path}: {table.RowCount} records in {clock.ElapsedMilliseconds} ms");
        Assert.InRange(clock.ElapsedMilliseconds, 0, 3_000);
    }

    [Fact]
    public void HateSpeechHas24783TweetsSomeSpanningLines()
    {
        if (SharedData.Find(output, "hate_speech", "labeled_data.csv") is not string path) return;
        var clock = Stopwatch.StartNew();

        var table = CsvReader.Read(path);

        Assert.Equal(["", "count", "hate_speech", "offensive_language", "neither", "class", "tweet"], table.Columns);
        Assert.Equal(24_783, table.RowCount);
        // SOURCE.md: wc -l gives 26,954 because some tweets hold line breaks, so the last record starts well past line 24,784.
        Assert.True(table.LineOf(table.RowCount - 1) > table.RowCount + 1);
        Assert.Contains(table.Strings("tweet"), t => t.Contains('\n'));
        var classes = table.Ints("class").CountBy(c => c).ToDictionary();
        Assert.Equal(1_430, classes[0]);
        Assert.Equal(19_190, classes[1]);
        Assert.Equal(4_163, classes[2]);
        output.WriteLine($"read {path}: {table.RowCount} records in {clock.ElapsedMilliseconds} ms; the last starts on line {table.LineOf(table.RowCount - 1)}");
        Assert.InRange(clock.ElapsedMilliseconds, 0, 3_000);
    }

    /// <summary>A read-only stream that cannot seek, like a pipe or a network stream.</summary>
    private sealed class ForwardOnly(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

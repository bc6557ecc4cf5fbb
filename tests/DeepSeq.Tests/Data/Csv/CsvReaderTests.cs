using System.IO.Compression;
using System.Text;
using DeepSeq.Data.Csv;
using Xunit;

namespace DeepSeq.Tests.Data.Csv;

/// <summary>
/// Golden parses: the examples of RFC 4180 §2 (rules 1–7, quoted here with their number), then the line-ending,
/// header, delimiter, encoding and gzip choices documented on <see cref="CsvReader"/>.
/// </summary>
public sealed class CsvReaderTests
{
    private static CsvTable Parse(string text, bool header = false, char delimiter = ',')
        => CsvReader.Parse(text, "test.csv", new CsvOptions(delimiter, header));

    private static string[][] Cells(CsvTable t) => [.. t.Rows.Select(r => r.ToArray())];

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

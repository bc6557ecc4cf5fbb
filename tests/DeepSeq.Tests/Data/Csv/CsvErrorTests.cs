using System.IO.Compression;
using DeepSeq.Data.Csv;
using Xunit;

namespace DeepSeq.Tests.Data.Csv;

/// <summary>
/// Every refusal of <see cref="CsvReader"/>, <see cref="CsvTable"/> and <see cref="CsvWriter"/>: the exception type,
/// and a message that names the file, the line and what was expected, so a learner can open the file and look.
/// </summary>
public sealed class CsvErrorTests
{
    private static InvalidDataException ParseFails(string text, bool header = true)
        => Assert.Throws<InvalidDataException>(() => CsvReader.Parse(text, "bad.csv", new CsvOptions(HasHeader: header)));

    private static void Contains(Exception e, params string[] parts)
    {
        foreach (string part in parts) Assert.Contains(part, e.Message);
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
        Contains(ParseFails(""), "bad.csv: the file is empty");
        Contains(ParseFails("\n\r\n"), "only empty lines");
        Contains(Assert.Throws<InvalidDataException>(() => CsvReader.Read(new MemoryStream(), "empty.csv")), "empty.csv: the file is empty");
    }

    [Fact]
    public void NonNumericCellNamesFileLineColumnAndText()
    {
        var t = CsvReader.Parse("id,score\n1,0.5\n2,\"multi\nline\"\n3,abc\n", "scores.csv");
        var e = Assert.Throws<InvalidDataException>(() => t.Doubles("id", allowMissing: false).Concat(t.Doubles("score")).ToArray());
        Contains(e, "scores.csv: line 3", "column 'score'", "'multi\nline' is not a number");
        Contains(Assert.Throws<InvalidDataException>(() => t.Ints("score")), "line 2", "'0.5' is not an integer");
    }

    [Fact]
    public void MissingCellsAreNaNOnlyWhenAllowed()
    {
        var t = CsvReader.Parse("x\n1.5\n\n\"\"\nNA\nnull\n N/A \n-2e-3\nNaN\n", "m.csv");
        var e = Assert.Throws<InvalidDataException>(() => t.Doubles("x"));
        Contains(e, "m.csv: line 4", "column 'x'", "'' is not a number", "allowMissing");
        double[] values = t.Doubles("x", allowMissing: true);
        Assert.Equal(1.5, values[0]);
        Assert.All(values[1..5], v => Assert.True(double.IsNaN(v)));
        Assert.Equal(-0.002, values[5]);
        Assert.True(double.IsNaN(values[6]));   // the text NaN is a number, allowed or not
        Contains(Assert.Throws<InvalidDataException>(() => t.Longs("x")), "'1.5' is not an integer");
    }

    [Fact]
    public void IntegerColumnsRefuseMissingAndOutOfRange()
    {
        var t = CsvReader.Parse("n,big\n1,9007199254740993\n,2\n", "i.csv");
        Contains(Assert.Throws<InvalidDataException>(() => t.Ints("big")), "line 2", "'9007199254740993' is not an integer", "Longs");
        Assert.Equal([9007199254740993L, 2L], t.Longs("big"));   // exact: a double would round it
        Contains(Assert.Throws<InvalidDataException>(() => t.Ints("n")), "line 3", "column 'n'", "no NaN");
    }

    [Fact]
    public void UnknownColumnListsTheKnownOnes()
    {
        var t = CsvReader.Parse("tweet_id,sentiment,author\n1,fun,me\n", "t.csv");
        var e = Assert.Throws<ArgumentException>(() => t.Strings("label"));
        Contains(e, "t.csv: no column named 'label'", "'tweet_id', 'sentiment', 'author'");
        var dup = CsvReader.Parse("a,b,a\n1,2,3\n", "d.csv");
        Contains(Assert.Throws<ArgumentException>(() => dup.Ints("a")), "two columns 'a'", "fields 1 and 3");
        Assert.Equal([2], dup.Ints("b"));
    }

    [Fact]
    public void InvalidUtf8AndDamagedGzipAreDataErrors()
    {
        Contains(Assert.Throws<InvalidDataException>(() => CsvReader.Read(new MemoryStream([0x61, 0x2C, 0xFF, 0xFE, 0x0A]), "latin.csv")),
            "latin.csv: the file is not valid UTF-8");

        var packed = new MemoryStream();
        using (var gz = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)) gz.Write("a,b\n1,2\n"u8);
        byte[] bytes = packed.ToArray();
        bytes[^6] ^= 0xFF;   // corrupt the CRC-32 in the gzip trailer
        Contains(Assert.Throws<InvalidDataException>(() => CsvReader.Read(new MemoryStream(bytes), "x.csv.gz")), "x.csv.gz: damaged gzip stream");
    }

    [Fact]
    public void DelimiterCannotBeAQuoteOrLineBreak()
    {
        Assert.Throws<ArgumentException>(() => CsvReader.Parse("a", "q.csv", new CsvOptions('"')));
        Assert.Throws<ArgumentException>(() => CsvWriter.Write(new StringWriter(), null, [["a"]], '\n'));
    }

    [Fact]
    public void WriterRefusesRaggedRowsAndLeavesTheOldFileInPlace()
    {
        string folder = Directory.CreateTempSubdirectory("deepseq-csv-").FullName;
        try
        {
            string path = Path.Combine(folder, "out.csv");
            CsvWriter.Write(path, ["a", "b"], [["1", "2"]]);
            string before = File.ReadAllText(path);

            var e = Assert.Throws<ArgumentException>(() => CsvWriter.Write(path, ["a", "b"], [["3", "4"], ["5"]]));
            Contains(e, "row 1 has 1 fields", "header has 2");
            Assert.Equal(before, File.ReadAllText(path));                      // the failed write changed nothing
            Assert.Equal([path], Directory.GetFiles(folder));                   // and left no temporary file
            Assert.Throws<ArgumentException>(() => CsvWriter.Write(path, [], []));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}

using DeepSeq.Data.Csv;
using Xunit;
using static DeepSeq.Tests.Data.Csv.CsvChecks;

namespace DeepSeq.Tests.Data.Csv;

/// <summary>
/// <see cref="CsvWriter"/>: quoting only when needed, atomic writes of plain and gzipped files that leave the old
/// file in place on a refusal, and an FsCheck property: whatever it writes, <see cref="CsvReader"/> reads back cell
/// for cell.
/// </summary>
public sealed class CsvWriterTests
{
    [Fact]
    public void WriterQuotesOnlyWhenNeeded()
    {
        var text = new StringWriter();
        CsvWriter.Write(text, ["a", "b c", "d,e"], [["x\"y", " 1 ", "line\nbreak"]]);
        Assert.Equal("a,b c,\"d,e\"\r\n\"x\"\"y\", 1 ,\"line\nbreak\"\r\n", text.ToString());

        var single = new StringWriter();
        CsvWriter.Write(single, null, [[""], ["a"]]);
        Assert.Equal("\"\"\r\na\r\n", single.ToString());   // a lone empty field is quoted, or it would read as a blank line
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

    [Fact]
    public void WriteThenReadGivesBackEveryCell() => Property(Table, t =>
    {
        // Without a header, an empty table writes nothing, and nothing is not a CSV file: give it one row.
        string[][] rows = !t.Header && t.Rows.Length == 0 ? [t.Names] : t.Rows;
        var text = new StringWriter();
        CsvWriter.Write(text, t.Header ? t.Names : null, rows, t.Delimiter);

        var table = CsvReader.Parse(text.ToString(), "roundtrip.csv", new CsvOptions(t.Delimiter, t.Header));

        if (t.Header) Assert.Equal(t.Names, table.Columns);
        else Assert.Equal(Enumerable.Range(0, t.Names.Length).Select(i => i.ToString()), table.Columns);
        Assert.Equal(rows, table.Rows.Select(r => r.ToArray()).ToArray());
    });

    [Fact]
    public void FilesRoundTripAtomicallyPlainAndGzipped()
    {
        string folder = Directory.CreateTempSubdirectory("deepseq-csv-").FullName;
        try
        {
            string[] names = ["text", "n"];
            string[][] rows = [["hello, \"world\"\r\nbye", "1"], ["", "2"], ["😀", "-3"]];
            foreach (string name in new[] { "t.csv", "t.csv.gz" })
            {
                string path = Path.Combine(folder, name);
                CsvWriter.Write(path, names, rows);
                var table = CsvReader.Read(path);
                Assert.Equal(path, table.Source);
                Assert.Equal(names, table.Columns);
                Assert.Equal(rows, table.Rows.Select(r => r.ToArray()).ToArray());
                Assert.Equal([1, 2, -3], table.Ints("n"));

                CsvWriter.Write(path, table);   // overwrite in place from a table
                Assert.Equal(rows, CsvReader.Read(path).Rows.Select(r => r.ToArray()).ToArray());
            }
            Assert.Equal(0x1F, File.ReadAllBytes(Path.Combine(folder, "t.csv.gz"))[0]);
            Assert.Equal(2, Directory.GetFiles(folder).Length);   // no temporary files left behind
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}

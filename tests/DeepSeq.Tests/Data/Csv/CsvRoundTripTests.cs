using DeepSeq.Data.Csv;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Data.Csv;

/// <summary>
/// FsCheck properties: whatever <see cref="CsvWriter"/> writes, <see cref="CsvReader"/> reads back cell for cell.
/// The fields are drawn from an alphabet rich in the characters that need care — the delimiter, quotes, CR, LF,
/// spaces, non-ASCII — so most tables exercise quoting, doubled quotes and multi-line records.
/// </summary>
public sealed class CsvRoundTripTests
{
    private const int Cases = 200;

    // Weighted towards the troublemakers; 'é' and '😀' (a surrogate pair) check that text is not mangled.
    private static readonly char[] Alphabet = [',', ';', '\t', '"', '"', '\r', '\n', ' ', 'a', 'b', 'Z', '0', '7', '.', 'é'];

    private static Gen<string> Field =>
        from length in Gen.Choose(0, 8)
        from chars in Gen.ArrayOf(Gen.Elements(Alphabet), length)
        from emoji in Gen.Elements(false, false, false, true)
        select new string(chars) + (emoji ? "😀" : "");

    private static Gen<(char Delimiter, bool Header, string[] Names, string[][] Rows)> Table =>
        from width in Gen.Choose(1, 5)
        from height in Gen.Choose(0, 6)
        from delimiter in Gen.Elements(',', ';', '\t')
        from header in Gen.Elements(true, false)
        from names in Gen.ArrayOf(Field, width)
        from rows in Gen.ArrayOf(Gen.ArrayOf(Field, width), height)
        select (delimiter, header, names, rows);

    private static void Property<T>(Gen<T> gen, Action<T> body)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(gen.ToArbitrary(), body));

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
}

using DeepSeq.Data;
using System.Diagnostics;
using DeepSeq.Data.TimeSeries;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.TimeSeries;

/// <summary>
/// <see cref="BeijingPm25"/> on small files in the real format (the pm2.5 fill, the one-hot wind columns, errors
/// naming file and line), then on the real file in <c>../shared/data/beijing_pm25</c>, whose expected counts come from
/// its SOURCE.md. When it is absent that test passes with a "SKIPPED" message: xunit 2 has no dynamic skip.
/// </summary>
public sealed class BeijingPm25Tests(ITestOutputHelper output) : IDisposable
{
    private readonly WeatherFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Write(string name, string text) => _files.Write(name, text);

    private const string BeijingHeader = "No,year,month,day,hour,pm2.5,DEWP,TEMP,PRES,cbwd,Iws,Is,Ir,pm2.5_1ago,pm2.5_2ago,pm2.5_3ago\n";

    private const string BeijingRows =
        "1,2010,1,1,0,NA,-21,-11,1021,NW,1.79,0,0,NA,NA,NA\n" +
        "2,2010,1,1,1,NA,-21,-12,1020,NW,4.92,0,0,NA,NA,NA\n" +
        "3,2010,1,1,2,129,-16,-4,1020,SE,1.79,0,0,NA,NA,NA\n" +
        "4,2010,1,1,3,148,-15,-4,1020,cv,0.89,0,1,129,NA,NA\n" +
        "5,2010,1,1,4,NA,-11,-5,1021,NE,2.68,2,0,148,129,NA\n" +
        "6,2010,1,1,5,NA,-7,-5,1022,SE,3.57,3,0,NA,148,129\n" +
        "7,2010,1,1,6,118,-7,-5,1022,SE,5.36,4,0,NA,NA,148\n";

    [Fact]
    public void BeijingFillsPm25ForwardAndOneHotEncodesTheWind()
    {
        var table = BeijingPm25.Load(Write("prsa.csv", BeijingHeader + BeijingRows));

        Assert.Equal(["pm2.5", "DEWP", "TEMP", "PRES", "Iws", "Is", "Ir", "cbwd_NE", "cbwd_NW", "cbwd_SE", "cbwd_cv"], table.Columns);
        Assert.Equal(7, table.RowCount);
        // leading NAs take the first observation (129); later NAs the last one before them (148)
        Assert.Equal([129f, 129f, 129f, 148f, 148f, 148f, 118f], table.Column("pm2.5"));
        Assert.Equal(4, table.FilledCells);
        Assert.Equal([-11f, -12f, -4f, -4f, -5f, -5f, -5f], table.Column("TEMP"));
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 0f, 0f], table.Column("Ir"));
        Assert.Equal([0f, 0f, 0f, 0f, 1f, 0f, 0f], table.Column("cbwd_NE"));
        Assert.Equal([1f, 1f, 0f, 0f, 0f, 0f, 0f], table.Column("cbwd_NW"));
        Assert.Equal([0f, 0f, 1f, 0f, 0f, 1f, 1f], table.Column("cbwd_SE"));
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 0f, 0f], table.Column("cbwd_cv"));
        Assert.Equal(new DateTime(2010, 1, 1, 6, 0, 0), table.Timestamps[6]);
    }

    /// <summary>Issue 15: NaN, infinities and a float32 overflow (1e39 is finite as a double) were read as
    /// measurements.</summary>
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    [InlineData("1e39")]
    public void NonFiniteInBeijingIsRefused(string value)
    {
        string path = Write("nan.csv", BeijingHeader + BeijingRows.Replace("-16,-4,1020", $"-16,{value},1020"));
        var e = Assert.Throws<DataFormatException>(() => BeijingPm25.Load(path));
        Assert.Equal((path, "line 4, column 'TEMP' (field 8)"), (e.Path, e.Position));
        Assert.Equal($"'{value}' is not a finite float32 number", e.Reason);
    }

    private string[] Rows => BeijingRows.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Loads the rows in the given order and returns the error, which must name
    /// <paramref name="line"/>.</summary>
    private DataFormatException NotHourly(IEnumerable<string> rows, int line)
    {
        string path = Write("hours.csv", BeijingHeader + string.Join("", rows.Select(r => r + "\n")));
        var e = Assert.Throws<DataFormatException>(() => BeijingPm25.Load(path));
        Assert.Equal((path, $"line {line}"), (e.Path, e.Position));
        Assert.Contains("hourly", e.Reason);
        return e;
    }

    /// <summary>Issue 15: a duplicated hourly row was accepted; the series was no longer hourly.</summary>
    [Fact]
    public void DuplicatedBeijingHourIsRefused()
        => Assert.Contains("2010-01-01 03:00 was expected", NotHourly(Rows[..3].Append(Rows[2]).Concat(Rows[3..]), 5).Reason);

    /// <summary>Issue 15: a deleted hourly row was accepted.</summary>
    [Fact]
    public void DeletedBeijingHourIsRefused()
        => Assert.Contains("2010-01-01 03:00 was expected", NotHourly(Rows[..3].Concat(Rows[4..]), 5).Reason);

    /// <summary>Issue 15: two swapped hourly rows were accepted.</summary>
    [Fact]
    public void SwappedBeijingHoursAreRefused()
        => Assert.Contains("2010-01-01 02:00 was expected", NotHourly([Rows[0], Rows[1], Rows[4], Rows[3], Rows[2]], 4).Reason);

    [Fact]
    public void BeijingErrorsNameFileLineAndColumn()
    {
        string path = Write("a.csv", BeijingHeader.Replace("cbwd", "wind") + BeijingRows);
        var e = Assert.Throws<DataFormatException>(() => BeijingPm25.Load(path));
        Assert.StartsWith($"{path}: line 1: this is not a Beijing PM2.5 header: field 10 is 'wind'", e.Message);

        path = Write("b.csv", BeijingHeader + BeijingRows.Replace(",cv,", ",XX,"));
        e = Assert.Throws<DataFormatException>(() => BeijingPm25.Load(path));
        Assert.StartsWith($"{path}: line 5, column 'cbwd' (field 10): 'XX' is not a wind direction", e.Message);

        path = Write("c.csv", BeijingHeader + BeijingRows.Replace("-16,-4,", "-16,NA,"));
        e = Assert.Throws<DataFormatException>(() => BeijingPm25.Load(path));   // only pm2.5 may be missing
        Assert.StartsWith($"{path}: line 4, column 'TEMP' (field 8): 'NA' is not a finite float32 number", e.Message);

        path = Write("d.csv", BeijingHeader + BeijingRows.Replace("3,2010,1,1,2,", "3,2010,2,30,2,"));
        e = Assert.Throws<DataFormatException>(() => BeijingPm25.Load(path));
        Assert.StartsWith($"{path}: line 4: 2010-2-30 hour 2 is not a date and hour", e.Message);

        path = Write("e.csv", BeijingHeader + BeijingRows.Replace(",0,0,NA,NA,NA\n", ",0,0,NA,NA\n"));
        e = Assert.Throws<DataFormatException>(() => BeijingPm25.Load(path));   // the CSV reader's own check, same style
        Assert.StartsWith($"{path}: line 2: the record has 15 fields", e.Message);

        path = Write("f.csv", BeijingHeader + "1,2010,1,1,0,NA,-21,-11,1021,NW,1.79,0,0,NA,NA,NA\n");
        e = Assert.Throws<DataFormatException>(() => BeijingPm25.Load(path));
        Assert.Contains("missing in every row", e.Message);
    }

    [Fact]
    public void TheRealFileHas43824HoursWith2067FilledAndFeedsTheGenerator()
    {
        if (SharedData.Find(output, "beijing_pm25", "PRSA_data_2010.1.1-2014.12.31.csv") is not string path) return;
        var clock = Stopwatch.StartNew();

        var table = BeijingPm25.Load(path);

        Assert.Equal(BeijingPm25.RealRowCount, table.RowCount);
        Assert.Equal(11, table.ColumnCount);
        Assert.Equal(2_067, table.FilledCells);   // SOURCE.md: pm2.5 is NA in 2,067 rows
        Assert.Equal(new DateTime(2010, 1, 1, 0, 0, 0), table.Timestamps[0]);
        Assert.Equal(new DateTime(2014, 12, 31, 23, 0, 0), table.Timestamps[^1]);
        for (int r = 1; r < table.RowCount; r++)   // hourly, no gaps: what the generator's arithmetic relies on
            Assert.True(table.Timestamps[r] - table.Timestamps[r - 1] == TimeSpan.FromHours(1), $"row {r}: {table.Timestamps[r]}");
        for (int r = 0; r < table.RowCount; r++)
        {
            float oneHot = 0;
            for (int c = 0; c < table.ColumnCount; c++) Assert.False(float.IsNaN(table.Values[r, c]), $"NaN at row {r}");
            for (int c = 7; c < 11; c++) oneHot += table.Values[r, c];
            Assert.Equal(1f, oneHot);
        }

        // EXPERIMENTS.md B8 on this file: split 50/25/25, lookback 240, step 1, delay 24, target TEMP.
        int train = table.RowCount / 2;
        TimeSeriesGenerator.Standardize(table.Values, train);
        var batch = TimeSeriesGenerator.Generate(table.Values, table.ColumnIndex("TEMP"), lookback: 240, delay: 24, minIndex: 0,
            maxIndex: train, shuffle: true, batchSize: 128, step: 1, generator: new Generator(0)).First();
        Assert.Equal([128, 240, 11], new[] { batch.Samples.GetLength(0), batch.Samples.GetLength(1), batch.Samples.GetLength(2) });
        output.WriteLine($"loaded {path}: {table.RowCount} rows, {table.FilledCells} pm2.5 cells filled, in {clock.ElapsedMilliseconds} ms");
    }
}

using DeepSeq.Data.TimeSeries;
using Xunit;

namespace DeepSeq.Tests.Data.TimeSeries;

/// <summary>
/// The two loaders on small files written here in the exact format of the real ones (the Jena file itself could not
/// be had): values, timestamps, the pm2.5 fill, the one-hot wind columns, and errors naming file and line.
/// </summary>
public sealed class WeatherLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("deepseq-weather-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string JenaHeader = "\"Date Time\",\"p (mbar)\",\"T (degC)\",\"Tpot (K)\",\"Tdew (degC)\",\"rh (%)\",\"VPmax (mbar)\",\"VPact (mbar)\",\"VPdef (mbar)\",\"sh (g/kg)\",\"H2OC (mmol/mol)\",\"rho (g/m**3)\",\"wv (m/s)\",\"max. wv (m/s)\",\"wd (deg)\"";

    // The first three data lines of jena_climate_2009_2016.csv, as printed in the book and Keras' tutorial.
    private const string JenaRows =
        "01.01.2009 00:10:00,996.52,-8.02,265.40,-8.90,93.30,3.33,3.11,0.22,1.94,3.12,1307.75,1.03,1.75,152.30\n" +
        "01.01.2009 00:20:00,996.57,-8.41,265.01,-9.28,93.40,3.23,3.02,0.21,1.89,3.03,1309.80,0.72,1.50,136.10\n" +
        "01.01.2009 00:30:00,996.53,-8.51,264.91,-9.31,93.90,3.21,3.01,0.20,1.88,3.02,1310.24,0.19,0.63,171.60\n";

    [Fact]
    public void JenaLoadsFourteenColumnsAndTimestamps()
    {
        var table = JenaClimate.Load(Write("jena.csv", JenaHeader + "\n" + JenaRows));

        Assert.Equal(3, table.RowCount);
        Assert.Equal(14, table.ColumnCount);
        Assert.Equal(JenaClimate.Header.Skip(1), table.Columns);
        Assert.Equal(1, table.ColumnIndex("T (degC)"));   // the book's target column
        Assert.Equal([-8.02f, -8.41f, -8.51f], table.Column("T (degC)"));
        Assert.Equal(996.52f, table.Values[0, 0]);
        Assert.Equal(171.60f, table.Values[2, 13]);
        Assert.Equal(new DateTime(2009, 1, 1, 0, 30, 0), table.Timestamps[2]);
        Assert.Equal(0, table.FilledCells);
    }

    [Fact]
    public void JenaRejectsAWrongHeaderNamingFileLineAndField()
    {
        string path = Write("jena.csv", JenaHeader.Replace("T (degC)", "T (degF)") + "\n" + JenaRows);
        var e = Assert.Throws<InvalidDataException>(() => JenaClimate.Load(path));
        Assert.StartsWith($"{path}: line 1: ", e.Message);
        Assert.Contains("field 3 is 'T (degF)' where 'T (degC)' was expected", e.Message);
    }

    [Fact]
    public void JenaRejectsABadCellOrDateNamingLineAndColumn()
    {
        string path = Write("jena.csv", JenaHeader + "\n" + JenaRows.Replace("-8.41", "x"));
        var e = Assert.Throws<InvalidDataException>(() => JenaClimate.Load(path));
        Assert.StartsWith($"{path}: line 3, column 'T (degC)' (field 3): 'x' is not a number", e.Message);

        path = Write("jena2.csv", JenaHeader + "\n" + JenaRows.Replace("01.01.2009 00:30:00", "2009-01-01 00:30"));
        e = Assert.Throws<InvalidDataException>(() => JenaClimate.Load(path));
        Assert.StartsWith($"{path}: line 4, column 'Date Time' (field 1): ", e.Message);

        path = Write("jena3.csv", JenaHeader + "\n");
        e = Assert.Throws<InvalidDataException>(() => JenaClimate.Load(path));
        Assert.StartsWith($"{path}: the file holds a header but no data rows", e.Message);
    }

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

    [Fact]
    public void BeijingErrorsNameFileLineAndColumn()
    {
        string path = Write("a.csv", BeijingHeader.Replace("cbwd", "wind") + BeijingRows);
        var e = Assert.Throws<InvalidDataException>(() => BeijingPm25.Load(path));
        Assert.StartsWith($"{path}: line 1: this is not a Beijing PM2.5 header: field 10 is 'wind'", e.Message);

        path = Write("b.csv", BeijingHeader + BeijingRows.Replace(",cv,", ",XX,"));
        e = Assert.Throws<InvalidDataException>(() => BeijingPm25.Load(path));
        Assert.StartsWith($"{path}: line 5, column 'cbwd' (field 10): 'XX' is not a wind direction", e.Message);

        path = Write("c.csv", BeijingHeader + BeijingRows.Replace("-16,-4,", "-16,NA,"));
        e = Assert.Throws<InvalidDataException>(() => BeijingPm25.Load(path));   // only pm2.5 may be missing
        Assert.StartsWith($"{path}: line 4, column 'TEMP' (field 8): 'NA' is not a number", e.Message);

        path = Write("d.csv", BeijingHeader + BeijingRows.Replace("3,2010,1,1,2,", "3,2010,2,30,2,"));
        e = Assert.Throws<InvalidDataException>(() => BeijingPm25.Load(path));
        Assert.StartsWith($"{path}: line 4: 2010-2-30 hour 2 is not a date and hour", e.Message);

        path = Write("e.csv", BeijingHeader + BeijingRows.Replace(",0,0,NA,NA,NA\n", ",0,0,NA,NA\n"));
        e = Assert.Throws<InvalidDataException>(() => BeijingPm25.Load(path));   // the CSV reader's own check, same style
        Assert.StartsWith($"{path}: line 2: the record has 15 fields", e.Message);

        path = Write("f.csv", BeijingHeader + "1,2010,1,1,0,NA,-21,-11,1021,NW,1.79,0,0,NA,NA,NA\n");
        e = Assert.Throws<InvalidDataException>(() => BeijingPm25.Load(path));
        Assert.Contains("missing in every row", e.Message);
    }
}

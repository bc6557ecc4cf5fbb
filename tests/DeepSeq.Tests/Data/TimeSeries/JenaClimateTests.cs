using DeepSeq.Data;
using DeepSeq.Data.TimeSeries;
using Xunit;

namespace DeepSeq.Tests.Data.TimeSeries;

/// <summary>
/// <see cref="JenaClimate"/> on small files written here in the exact format of the real one (the Jena file itself
/// could not be had): values, timestamps, and errors naming file, line and column.
/// </summary>
public sealed class JenaClimateTests : IDisposable
{
    private readonly WeatherFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string Write(string name, string text) => _files.Write(name, text);

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
        var e = Assert.Throws<DataFormatException>(() => JenaClimate.Load(path));
        Assert.StartsWith($"{path}: line 1: ", e.Message);
        Assert.Contains("field 3 is 'T (degF)' where 'T (degC)' was expected", e.Message);
    }

    [Fact]
    public void JenaRejectsABadCellOrDateNamingLineAndColumn()
    {
        string path = Write("jena.csv", JenaHeader + "\n" + JenaRows.Replace("-8.41", "x"));
        var e = Assert.Throws<DataFormatException>(() => JenaClimate.Load(path));
        Assert.StartsWith($"{path}: line 3, column 'T (degC)' (field 3): 'x' is not a finite float32 number", e.Message);

        path = Write("jena2.csv", JenaHeader + "\n" + JenaRows.Replace("01.01.2009 00:30:00", "2009-01-01 00:30"));
        e = Assert.Throws<DataFormatException>(() => JenaClimate.Load(path));
        Assert.StartsWith($"{path}: line 4, column 'Date Time' (field 1): ", e.Message);

        path = Write("jena3.csv", JenaHeader + "\n");
        e = Assert.Throws<DataFormatException>(() => JenaClimate.Load(path));
        Assert.StartsWith($"{path}: header: the file holds a header but no data rows", e.Message);
    }
}

using System.Globalization;

namespace DeepSeq.Data.TimeSeries;

/// <summary>
/// Loads <c>jena_climate_2009_2016.csv</c>, the Max Planck Institute for Biogeochemistry's weather record of
/// Chollet's <i>Deep Learning with Python</i> §6.3: one row every 10 minutes from 2009 to 2016, 420,551 rows.
/// </summary>
/// <remarks>
/// <para>The file, as the book reads it (<c>lines[1:]</c>, <c>line.split(',')[1:]</c>):</para>
/// <code>
/// "Date Time","p (mbar)","T (degC)","Tpot (K)","Tdew (degC)","rh (%)","VPmax (mbar)","VPact (mbar)","VPdef (mbar)","sh (g/kg)","H2OC (mmol/mol)","rho (g/m**3)","wv (m/s)","max. wv (m/s)","wd (deg)"
/// 01.01.2009 00:10:00,996.52,-8.02,265.40,-8.90,93.30,3.33,3.11,0.22,1.94,3.12,1307.75,1.03,1.75,152.30
/// </code>
/// <para>The result's <see cref="WeatherTable.Values"/> is the book's <c>float_data</c>: (420551, 14), the 14
/// numeric columns in file order, so the temperature <c>T (degC)</c> is column 1, the book's target
/// (<c>data[rows[j] + delay][1]</c>). The date becomes <see cref="WeatherTable.Timestamps"/>
/// (<c>dd.MM.yyyy HH:mm:ss</c>, no time zone).</para>
/// <para>Values are taken as they are, as the book takes them: the file is known to hold a few wind speeds of
/// −9999 (a sensor's missing-value code), and cleaning them would change the book's numbers. A missing or
/// non-numeric cell is an error. Timestamps are not checked for order or gaps.</para>
/// <para>Errors (<see cref="DataFormatException"/>, the message starting with the file name, then the line): a
/// header other than the one above, a date or a number that does not parse, a file with no data rows, and
/// everything <see cref="Csv.CsvReader"/> rejects. Nothing half-loaded is returned.</para>
/// </remarks>
public static class JenaClimate
{
    /// <summary>The header of the file, without quotes.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "Date Time", "p (mbar)", "T (degC)", "Tpot (K)", "Tdew (degC)", "rh (%)", "VPmax (mbar)", "VPact (mbar)",
        "VPdef (mbar)", "sh (g/kg)", "H2OC (mmol/mol)", "rho (g/m**3)", "wv (m/s)", "max. wv (m/s)", "wd (deg)",
    ];

    /// <summary>The rows in the real file, not counting the header.</summary>
    public const int RealRowCount = 420_551;

    /// <summary>Reads the Jena climate CSV at <paramref name="path"/> (gzipped or not).</summary>
    /// <returns>14 float columns (<see cref="Header"/> minus <c>Date Time</c>) and one timestamp per row.</returns>
    public static WeatherTable Load(string path)
    {
        var table = WeatherCsv.ReadWithHeader(path, [.. Header], "Jena climate");
        int rows = table.RowCount - 1, features = Header.Count - 1;
        if (rows == 0)
            throw new DataFormatException(table.Source, "header", $"the file holds a header but no data rows");

        var timestamps = new DateTime[rows];
        var values = new float[rows, features];
        for (int r = 0; r < rows; r++)
        {
            int row = r + 1;   // row 0 of the headerless table is the header
            if (!DateTime.TryParseExact(table[row, 0], "dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out timestamps[r]))
                throw WeatherCsv.Bad(table, row, 0, $"'{table[row, 0]}' is not a date written dd.MM.yyyy HH:mm:ss");
            for (int c = 0; c < features; c++)
                values[r, c] = WeatherCsv.Float(table, row, c + 1);
        }
        return new WeatherTable(table.Source, Header.Skip(1).ToArray(), timestamps, values);
    }
}

namespace DeepSeq.Data.TimeSeries;

/// <summary>
/// Loads <c>PRSA_data_2010.1.1-2014.12.31.csv</c>, the UCI "Beijing PM2.5" hourly record (Liang et al. 2015):
/// 43,824 hours from 2010-01-01 00:00 to 2014-12-31 23:00 of air quality at the US Embassy and weather at
/// Beijing Capital airport. DeepSeq's stand-in for the Jena climate file (see <see cref="JenaClimate"/>).
/// </summary>
/// <remarks>
/// <para>The file (the copy in <c>shared/data/beijing_pm25</c> adds three lag columns to the UCI original):</para>
/// <code>
/// No,year,month,day,hour,pm2.5,DEWP,TEMP,PRES,cbwd,Iws,Is,Ir,pm2.5_1ago,pm2.5_2ago,pm2.5_3ago
/// 25,2010,1,2,0,129,-16,-4,1020,SE,1.79,0,0,NA,NA,NA
/// </code>
/// <para>What the table holds, in this order (11 columns):</para>
/// <code>
/// pm2.5, DEWP, TEMP, PRES, Iws, Is, Ir, cbwd_NE, cbwd_NW, cbwd_SE, cbwd_cv
/// </code>
/// <list type="bullet">
///   <item><c>year, month, day, hour</c> become <see cref="WeatherTable.Timestamps"/>; <c>No</c> (the row number) is
///   dropped.</item>
///   <item><c>cbwd</c>, the combined wind direction, is a category (NE, NW, SE, or <c>cv</c> = calm and variable), so
///   it is one-hot encoded: four 0/1 columns named <c>cbwd_NE</c> … <c>cbwd_cv</c>, exactly one of them 1 in each row.
///   The four columns are fixed (UCI's list), not taken from the values seen, so every file gives the same columns;
///   any other value is an error.</item>
///   <item>The lag columns <c>pm2.5_*ago</c> are dropped: they are not in the UCI data, and they repeat what the
///   generator's window already shows (the previous hours' pm2.5).</item>
/// </list>
/// <para><b>Missing pm2.5 (2,067 NA cells in the real file): filled forward.</b> An NA takes the last observed value
/// before it; the NAs before the first observation (the first 24 hours of 2010) take the first observed value.
/// Why fill rather than drop: the generator's arithmetic assumes row <c>i + k</c> is <c>k</c> hours after row <c>i</c>
/// (a window of 240 rows is 10 days, the target 24 rows on is tomorrow). Dropping rows would make some windows span
/// gaps of days without saying so. Forward filling uses only the past, so it leaks nothing from the future into a
/// window, which interpolation would. The count of filled cells is <see cref="WeatherTable.FilledCells"/>.
/// Every other column must be complete: a missing or non-numeric cell there is an error.</para>
/// <para>Errors (<see cref="DataFormatException"/>, the message starting with the file name, then the line): a
/// header other than the one above, a cell that does not parse or is not finite (NaN, Infinity, 1e999), an
/// impossible date, a row that is not one hour after the one before (a duplicated, deleted or swapped row), an
/// unknown wind direction, a file with no data rows or whose pm2.5 is never observed, and everything
/// <see cref="Csv.CsvReader"/> rejects.
/// Nothing half-loaded is returned.</para>
/// </remarks>
public static class BeijingPm25
{
    /// <summary>The header of the file.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "No", "year", "month", "day", "hour", "pm2.5", "DEWP", "TEMP", "PRES", "cbwd", "Iws", "Is", "Ir",
        "pm2.5_1ago", "pm2.5_2ago", "pm2.5_3ago",
    ];

    /// <summary>The wind directions of <c>cbwd</c>, in the order of their one-hot columns.</summary>
    public static IReadOnlyList<string> WindDirections => Directions;
    private static readonly string[] Directions = ["NE", "NW", "SE", "cv"];

    /// <summary>The columns of the loaded table.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["pm2.5", "DEWP", "TEMP", "PRES", "Iws", "Is", "Ir", "cbwd_NE", "cbwd_NW", "cbwd_SE", "cbwd_cv"];

    /// <summary>The rows in the real file, not counting the header.</summary>
    public const int RealRowCount = 43_824;

    // Header fields copied as numbers, in table order after pm2.5: DEWP, TEMP, PRES, Iws, Is, Ir.
    private static readonly int[] NumericFields = [6, 7, 8, 10, 11, 12];
    private const int Pm25Field = 5, WindField = 9;

    /// <summary>Reads the Beijing PM2.5 CSV at <paramref name="path"/> (gzipped or not).</summary>
    /// <returns>The 11 <see cref="Columns"/>, one timestamp per row, pm2.5 gaps filled forward.</returns>
    public static WeatherTable Load(string path)
    {
        var table = WeatherCsv.ReadWithHeader(path, [.. Header], "Beijing PM2.5");
        int rows = table.RowCount - 1;
        if (rows == 0)
            throw new DataFormatException(table.Source, "header", $"the file holds a header but no data rows");

        var timestamps = new DateTime[rows];
        var values = new float[rows, Columns.Count];
        for (int r = 0; r < rows; r++)
        {
            int row = r + 1;   // row 0 of the headerless table is the header
            int year = WeatherCsv.Int(table, row, 1), month = WeatherCsv.Int(table, row, 2);
            int day = WeatherCsv.Int(table, row, 3), hour = WeatherCsv.Int(table, row, 4);
            if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || hour is < 0 or > 23)
                throw new DataFormatException(table.Source, $"line {table.LineOf(row)}", $"{year}-{month}-{day} hour " +
                    $"{hour} is not a date and hour");
            timestamps[r] = new DateTime(year, month, day, hour, 0, 0);
            // The contract is an hourly series (the generator's row arithmetic assumes it): a duplicated, deleted or
            // swapped row breaks it, and is named here rather than silently shifting every later window.
            if (r > 0 && timestamps[r] != timestamps[r - 1].AddHours(1))
                throw new DataFormatException(table.Source, $"line {table.LineOf(row)}",
                    $"{timestamps[r]:yyyy-MM-dd HH}:00 follows {timestamps[r - 1]:yyyy-MM-dd HH}:00; the rows " +
                    "must be hourly, one per hour in order, so " +
                    $"{timestamps[r - 1].AddHours(1):yyyy-MM-dd HH}:00 was expected");

            values[r, 0] = WeatherCsv.Float(table, row, Pm25Field, allowMissing: true);
            for (int k = 0; k < NumericFields.Length; k++)
                values[r, 1 + k] = WeatherCsv.Float(table, row, NumericFields[k]);

            string wind = table[row, WindField];
            int direction = Array.IndexOf(Directions, wind);   // exact: "cv" is lower case in the file
            if (direction < 0)
                throw WeatherCsv.Bad(table, row, WindField,
                    $"'{wind}' is not a wind direction; expected one of {string.Join(", ", WindDirections)}");
            values[r, 1 + NumericFields.Length + direction] = 1f;
        }

        int filled = FillForward(values, column: 0);
        if (filled == rows)
            throw new DataFormatException(table.Source, "column 'pm2.5'",
                $"column 'pm2.5' is missing in every row, so there is nothing to fill its gaps with");
        return new WeatherTable(table.Source, [.. Columns], timestamps, values, filled);
    }

    /// <summary>
    /// Replaces each NaN of <paramref name="column"/> with the last value before it; NaNs before the first value take
    /// that first value. Returns how many cells were filled.
    /// </summary>
    internal static int FillForward(float[,] values, int column)
    {
        int rows = values.GetLength(0), filled = 0;
        int first = 0;
        while (first < rows && float.IsNaN(values[first, column])) first++;
        if (first == rows) return rows;
        for (int r = 0; r < first; r++) values[r, column] = values[first, column];
        filled += first;
        for (int r = first + 1; r < rows; r++)
            if (float.IsNaN(values[r, column])) { values[r, column] = values[r - 1, column]; filled++; }
        return filled;
    }
}

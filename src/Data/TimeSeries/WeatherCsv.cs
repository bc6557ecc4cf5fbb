using System.Globalization;
using DeepSeq.Data.Csv;

namespace DeepSeq.Data.TimeSeries;

/// <summary>
/// What the two weather loaders share: read the CSV, check its header, parse a cell, and word errors as the rest
/// of DeepSeq.Data does (<c>"&lt;file&gt;: line N, column 'X': …"</c>, <see cref="DataFormatException"/>).
/// </summary>
internal static class WeatherCsv
{
    /// <summary>
    /// Reads <paramref name="path"/> and checks that its first record is exactly <paramref name="expected"/>.
    /// The file is read without a header so that the header's own line is known for the error message.
    /// </summary>
    public static CsvTable ReadWithHeader(string path, string[] expected, string what)
    {
        var table = CsvReader.Read(path, new CsvOptions(',', HasHeader: false));
        var header = table.Row(0);
        if (!header.SequenceEqual(expected))
        {
            int field = 0;
            while (field < Math.Min(header.Count, expected.Length) && header[field] == expected[field]) field++;
            string where = field < Math.Min(header.Count, expected.Length)
                ? $"field {field + 1} is '{header[field]}' where '{expected[field]}' was expected"
                : $"it has {header.Count} fields where {expected.Length} were expected";
            throw new DataFormatException(table.Source, $"line {table.LineOf(0)}",
                $"this is not a {what} header: {where}; " +
                $"expected {string.Join(",", expected)}");
        }
        return table;
    }

    /// <summary>Cell (row, column) as a float; <see cref="float.NaN"/> for a missing cell when
    /// <paramref name="allowMissing"/>.</summary>
    public static float Float(CsvTable table, int row, int column, bool allowMissing = false)
    {
        string cell = table[row, column];
        // float.TryParse accepts NaN, Infinity and 1e999 (→ ∞): a weather reading is none of them, and a NaN here
        // would pass for a missing value the caller never allowed.
        if (float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) && float.IsFinite(v))
            return v;
        if (allowMissing && CsvTable.IsMissing(cell)) return float.NaN;
        throw Bad(table, row, column, $"'{cell}' is not a finite float32 number");
    }

    /// <summary>Cell (row, column) as an int.</summary>
    public static int Int(CsvTable table, int row, int column)
    {
        string cell = table[row, column];
        if (int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)) return v;
        throw Bad(table, row, column, $"'{cell}' is not an integer");
    }

    /// <summary>An error about one cell, naming the file, the line, the column (from the header row 0) and the
    /// field.</summary>
    public static DataFormatException Bad(CsvTable table, int row, int column, string message)
        => new(table.Source, $"line {table.LineOf(row)}, column '{table[0, column]}' (field {column + 1})", message);
}

using System.Globalization;
using DeepSeq.Data.Csv;

namespace DeepSeq.Data.Loaders;

/// <summary>The two layouts <see cref="StockPrices.Load"/> reads.</summary>
public enum StockLayout
{
    /// <summary>Yahoo Finance's export: <c>Date,Open,High,Low,Close,Adj Close,Volume</c>, comma-separated.</summary>
    YahooComma,

    /// <summary>The project's original files: <c>Date High Low Open Close Volume "Adj Close"</c>, one space between
    /// fields.</summary>
    SpaceSeparated,
}

/// <summary>
/// Daily stock prices (<c>stocks/GOOG.csv</c>, <c>stocks/AAPL.csv</c>): one date and six numbers per trading day.
/// </summary>
/// <remarks>
/// <para>Two layouts are read, told apart by the header (the columns are found by name, so their order does not
/// matter):</para>
/// <code>
/// Date,Open,High,Low,Close,Adj Close,Volume              ← Yahoo export (the files in shared/data/stocks)
/// 1980-12-12,0.128348,0.128906,0.128348,0.128348,0.100266,469033600
///
/// Date High Low Open Close Volume "Adj Close"            ← the original project's space-separated files
/// 2010-01-04 313.57 315.07 312.43 313.68 3927065 313.68
/// </code>
/// <para><b>Rows of <c>null</c> are dropped, not kept as NaN.</b> Yahoo writes <c>null</c> in every price and the
/// volume of a day it has no data for (AAPL 1981-08-10). Such a row is no observation at all, and a NaN kept in a
/// price series would spread through every window that covers it and surface as a NaN loss. Dropping it makes that
/// day look like a holiday, which is what the series already does for weekends. The dropped dates are listed in
/// <see cref="DroppedDates"/>, so nothing vanishes unseen. A row with only <em>some</em> cells missing is not a
/// Yahoo pattern and cannot be repaired without guessing, so it is an error.</para>
/// <para>Errors (<see cref="DataFormatException"/>, the message starting with the file name, then the line and
/// column): a header lacking one of the seven columns; a date that is not <c>yyyy-MM-dd</c> or not later than the
/// previous row's; a cell that is not a number; a partly missing row; a file with no rows left; everything
/// <see cref="CsvReader"/> rejects. Nothing half-loaded is returned.</para>
/// </remarks>
public sealed class StockPrices
{
    /// <summary>The numeric columns, in Yahoo's order (the order of <see cref="Column"/>'s names).</summary>
    public static readonly IReadOnlyList<string> ColumnNames = ["Open", "High", "Low", "Close", "Adj Close", "Volume"];

    private readonly DateOnly[] _dates;
    private readonly double[][] _columns;   // one array per ColumnNames entry
    private readonly DateOnly[] _dropped;

    private StockPrices(string source, StockLayout layout, DateOnly[] dates, double[][] columns, DateOnly[] dropped)
    {
        Source = source;
        Layout = layout;
        _dates = dates;
        _columns = columns;
        _dropped = dropped;
    }

    /// <summary>The file the prices were read from.</summary>
    public string Source { get; }

    /// <summary>Which layout the file had.</summary>
    public StockLayout Layout { get; }

    /// <summary>The number of trading days kept (rows of <c>null</c> are not counted).</summary>
    public int Count => _dates.Length;

    /// <summary>The trading days, strictly increasing.</summary>
    public IReadOnlyList<DateOnly> Dates => _dates;

    /// <summary>The dates of the all-<c>null</c> rows that were dropped (see remarks), in file order.</summary>
    public IReadOnlyList<DateOnly> DroppedDates => _dropped;

    /// <summary>The opening prices.</summary>
    public IReadOnlyList<double> Open => _columns[0];

    /// <summary>The day's highest prices.</summary>
    public IReadOnlyList<double> High => _columns[1];

    /// <summary>The day's lowest prices.</summary>
    public IReadOnlyList<double> Low => _columns[2];

    /// <summary>The closing prices (split-adjusted by Yahoo); the series experiment E1 predicts.</summary>
    public IReadOnlyList<double> Close => _columns[3];

    /// <summary>The closing prices adjusted for splits and dividends.</summary>
    public IReadOnlyList<double> AdjClose => _columns[4];

    /// <summary>The number of shares traded.</summary>
    public IReadOnlyList<double> Volume => _columns[5];

    /// <summary>A copy of the column named <paramref name="name"/> (one of <see cref="ColumnNames"/>).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="ColumnNames"/>.</exception>
    public double[] Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int c = IndexOfColumn(name);
        if (c < 0)
            throw new ArgumentException($"{Source}: no column named '{name}'; the columns are " +
                $"{string.Join(", ", ColumnNames.Select(n => $"'{n}'"))}", nameof(name));
        return [.. _columns[c]];
    }

    /// <summary>
    /// The days from <paramref name="first"/> to <paramref name="last"/>, both included (experiment E1 uses
    /// 2010-01-01 .. 2018-12-31: 2,264 days for each stock).
    /// </summary>
    public StockPrices Between(DateOnly first, DateOnly last)
    {
        int from = LowerBound(first), to = LowerBound(last.AddDays(1));   // [from, to)
        if (last < first) to = from;
        return new StockPrices(Source, Layout, _dates[from..to], [.. _columns.Select(c => c[from..to])],
            [.. _dropped.Where(d => d >= first && d <= last)]);
    }

    /// <summary>Reads the prices at <paramref name="path"/>, in either layout (see remarks).</summary>
    public static StockPrices Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var layout = StockLayout.YahooComma;
        var table = CsvReader.Read(path);
        if (table.Columns.Count == 1 && table.Columns[0].Contains(' '))
        {
            // A comma-free header: the space-separated layout, read again with a space as the delimiter.
            layout = StockLayout.SpaceSeparated;
            table = CsvReader.Read(path, new CsvOptions(Delimiter: ' '));
        }

        int dateField = RequireColumn(table, "Date");
        var fields = ColumnNames.Select(n => RequireColumn(table, n)).ToArray();

        var dates = new List<DateOnly>(table.RowCount);
        var values = ColumnNames.Select(_ => new List<double>(table.RowCount)).ToArray();
        var dropped = new List<DateOnly>();
        DateOnly? previous = null;
        for (int r = 0; r < table.RowCount; r++)
        {
            string dateCell = table[r, dateField].Trim();
            if (!DateOnly.TryParseExact(dateCell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var date))
                throw Bad(table, r, dateField, $"'{dateCell}' is not a date written yyyy-MM-dd");
            if (previous is DateOnly p && date <= p)
                throw Bad(table, r, dateField, $"{date:yyyy-MM-dd} does not come after the previous row's " +
                    $"{p:yyyy-MM-dd}; rows must be in date order, one per day");
            previous = date;

            int missing = fields.Count(f => CsvTable.IsMissing(table[r, f]));
            if (missing == fields.Length) { dropped.Add(date); continue; }   // Yahoo's "no data this day" (see remarks)
            for (int i = 0; i < fields.Length; i++)
            {
                string cell = table[r, fields[i]];
                if (CsvTable.IsMissing(cell))
                    throw Bad(table, r, fields[i], $"'{cell}' is missing while other cells of the row are not; only " +
                        "rows missing every value are dropped");
                // TryParse accepts NaN, Infinity and 1e999 (→ ∞); no price or volume is any of them.
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                    || !double.IsFinite(v))
                    throw Bad(table, r, fields[i], $"'{cell}' is not a finite number");
                values[i].Add(v);
            }
            dates.Add(date);
        }
        if (dates.Count == 0)
            throw new DataFormatException(table.Source, "end of file", $"the file holds no trading days" +
                (dropped.Count > 0 ? $" ({dropped.Count} rows, every one all null)" : ""));
        return new StockPrices(table.Source, layout, [.. dates], [.. values.Select(v => v.ToArray())], [.. dropped]);
    }

    private static int IndexOfColumn(string name)
    {
        for (int i = 0; i < ColumnNames.Count; i++)
            if (ColumnNames[i] == name) return i;
        return -1;
    }

    // The first index whose date is on or after d (the dates are sorted).
    private int LowerBound(DateOnly d)
    {
        int i = Array.BinarySearch(_dates, d);
        return i >= 0 ? i : ~i;
    }

    private static int RequireColumn(CsvTable table, string name)
    {
        int c = -1;
        for (int i = 0; i < table.Columns.Count; i++)
            if (table.Columns[i] == name) { c = i; break; }
        if (c < 0)
            throw new DataFormatException(table.Source, "header",
                $"line 1: the header has no column '{name}'; expected " +
                "Date, Open, High, Low, Close, Adj Close and Volume, comma- or space-separated, but found " +
                $"{string.Join(", ", table.Columns.Select(n => $"'{n}'"))}");
        return c;
    }

    private static DataFormatException Bad(CsvTable table, int row, int field, string message)
        => table.CellError(row, field, message);
}

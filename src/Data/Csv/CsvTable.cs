using System.Globalization;

namespace DeepSeq.Data.Csv;

/// <summary>
/// A CSV file as read by <see cref="CsvReader"/>: column names and rows of strings, every row as wide as the
/// header, plus typed views of whole columns.
/// </summary>
/// <remarks>
/// <para>
/// Cells stay strings until a column is asked for as numbers, because only the caller knows which columns are
/// numeric: a tweet id looks like a number but is a label. The typed accessors parse with the invariant culture
/// (a decimal point, never a comma), allow spaces around a number, and name the file, the line, the column and
/// the text of the first cell that does not parse.
/// </para>
/// <para>
/// Missing values: a cell that is empty (or only spaces), <c>NA</c>, <c>N/A</c> or <c>null</c> (any case) is
/// <em>missing</em>. <see cref="Doubles"/> turns it into <see cref="double.NaN"/> only when the caller passes
/// <c>allowMissing: true</c>, as pandas' <c>na_values</c> does; otherwise it is an error, since a silent NaN would
/// surface much later as a NaN loss. Integers have no NaN, so <see cref="Ints"/> and <see cref="Longs"/> always
/// refuse missing cells. The text <c>NaN</c> itself parses as a number (<see cref="double.NaN"/>).
/// </para>
/// </remarks>
public sealed class CsvTable
{
    private readonly string[] _columns;
    private readonly string[][] _rows;
    private readonly int[] _lines;

    internal CsvTable(string source, string[] columns, IReadOnlyList<string[]> rows, IReadOnlyList<int> lines)
    {
        Source = source;
        _columns = columns;
        _rows = [.. rows];
        _lines = [.. lines];
    }

    /// <summary>The file (or source name) the table was read from, as used in error messages.</summary>
    public string Source { get; }

    /// <summary>The column names, from the header row (or <c>"0"</c>, <c>"1"</c>, … without one).</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The number of records, not counting the header.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The cells of row <paramref name="row"/> (0-based, header excluded), one per column.</summary>
    public IReadOnlyList<string> Row(int row) => Array.AsReadOnly(_rows[row]);

    /// <summary>Every row in file order; each as wide as <see cref="Columns"/>.</summary>
    public IEnumerable<IReadOnlyList<string>> Rows => _rows.Select(r => (IReadOnlyList<string>)Array.AsReadOnly(r));

    /// <summary>The cell at <paramref name="row"/> and column <paramref name="column"/> (both 0-based).</summary>
    public string this[int row, int column] => _rows[row][column];

    /// <summary>
    /// The 1-based physical line on which row <paramref name="row"/> starts. It can exceed <c>row + 2</c>
    /// when earlier quoted fields hold line breaks.
    /// </summary>
    public int LineOf(int row) => _lines[row];

    /// <summary>
    /// The index of the column named <paramref name="column"/> (exact, case-sensitive match). Throws
    /// <see cref="ArgumentException"/> listing the known names when there is none, or when the header holds the
    /// name twice (the lookup would be ambiguous).
    /// </summary>
    public int ColumnIndex(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        int index = Array.IndexOf(_columns, column);
        if (index < 0)
            throw new ArgumentException(
                $"{Source}: no column named '{column}'; the columns are {KnownColumns()}", nameof(column));
        int again = Array.IndexOf(_columns, column, index + 1);
        if (again >= 0)
            throw new ArgumentException($"{Source}: the header names two columns '{column}' (fields {index + 1} and " +
                $"{again + 1}); the name is ambiguous", nameof(column));
        return index;
    }

    /// <summary>The cells of column <paramref name="column"/> as they are in the file.</summary>
    public string[] Strings(string column)
    {
        int c = ColumnIndex(column);
        var values = new string[_rows.Length];
        for (int r = 0; r < values.Length; r++) values[r] = _rows[r][c];
        return values;
    }

    /// <summary>
    /// Column <paramref name="column"/> as doubles (<c>1.5</c>, <c>-2e-3</c>, <c>NaN</c>, <c>Infinity</c>).
    /// </summary>
    /// <param name="column">The column's name.</param>
    /// <param name="allowMissing">
    /// Default <c>false</c>: a missing cell (empty, <c>NA</c>, <c>N/A</c>, <c>null</c>) throws. With <c>true</c> it
    /// becomes <see cref="double.NaN"/> (pandas' default behaviour).
    /// </param>
    public double[] Doubles(string column, bool allowMissing = false)
    {
        int c = ColumnIndex(column);
        var values = new double[_rows.Length];
        for (int r = 0; r < values.Length; r++)
        {
            string cell = _rows[r][c];
            if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) values[r] = v;
            else if (allowMissing && IsMissing(cell)) values[r] = double.NaN;
            else throw BadCell(r, c, cell, "a number",
                IsMissing(cell) ? "; pass allowMissing: true to read missing cells as NaN" : "");
        }
        return values;
    }

    /// <summary>Column <paramref name="column"/> as 32-bit integers; a missing cell, a fraction or a value beyond ±2³¹
    /// throws.</summary>
    public int[] Ints(string column)
    {
        int c = ColumnIndex(column);
        var values = new int[_rows.Length];
        for (int r = 0; r < values.Length; r++)
        {
            string cell = _rows[r][c];
            if (!int.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[r]))
                throw BadCell(r, c, cell, "an integer", IntHint(cell));
        }
        return values;
    }

    /// <summary>Column <paramref name="column"/> as 64-bit integers (ids, timestamps); a missing cell or a fraction
    /// throws.</summary>
    public long[] Longs(string column)
    {
        int c = ColumnIndex(column);
        var values = new long[_rows.Length];
        for (int r = 0; r < values.Length; r++)
        {
            string cell = _rows[r][c];
            if (!long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[r]))
                throw BadCell(r, c, cell, "an integer", IsMissing(cell)
                    ? "; integers have no NaN, so read the column with Doubles(allowMissing: true)"
                    : "");
        }
        return values;
    }

    /// <summary>Whether <paramref name="cell"/> marks a missing value: empty or spaces, NA, N/A or null, in any
    /// case.</summary>
    public static bool IsMissing(string cell)
    {
        var t = cell.AsSpan().Trim();
        return t.IsEmpty
               || t.Equals("NA", StringComparison.OrdinalIgnoreCase)
               || t.Equals("N/A", StringComparison.OrdinalIgnoreCase)
               || t.Equals("null", StringComparison.OrdinalIgnoreCase);
    }

    private static string IntHint(string cell)
    {
        if (IsMissing(cell)) return "; integers have no NaN, so read the column with Doubles(allowMissing: true)";
        if (long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            return "; it is outside the int range, so read the column with Longs";
        return "";
    }

    private DataFormatException BadCell(int row, int column, string cell, string what, string hint)
        => CellError(row, column, $"'{Shorten(cell)}' is not {what}{hint}");

    /// <summary>An error about cell (<paramref name="row"/>, <paramref name="column"/>): the position names the line,
    /// the column's name and its field number.</summary>
    internal DataFormatException CellError(int row, int column, string reason)
        => new(Source, $"line {_lines[row]}, column '{_columns[column]}' (field {column + 1})", reason);

    private static string Shorten(string cell) => cell.Length <= 60 ? cell : cell[..57] + "...";

    private string KnownColumns()
    {
        const int shown = 30;
        var names = _columns.Take(shown).Select(n => $"'{n}'");
        return string.Join(", ", names) + (_columns.Length > shown ? $", … ({_columns.Length} in all)" : "");
    }
}

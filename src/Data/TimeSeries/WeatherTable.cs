namespace DeepSeq.Data.TimeSeries;

/// <summary>
/// A weather time series in memory: one row per time step, one float column per feature, plus each row's
/// timestamp. What <see cref="JenaClimate.Load"/> and <see cref="BeijingPm25.Load"/> return, and what
/// <see cref="TimeSeriesGenerator"/> slides its windows over (<see cref="Values"/>).
/// </summary>
/// <remarks>
/// <para>Shapes: <see cref="Values"/> is (rows, features) row-major, as the book's <c>float_data</c>
/// (<c>float_data[i]</c> is the i-th time step, <c>float_data[i][1]</c> its temperature).</para>
/// <para>The timestamp is not a feature: the book drops the <c>Date Time</c> column before training, and so
/// does this table; it is kept beside the values to plot the series and to check the time step.</para>
/// </remarks>
public sealed class WeatherTable
{
    private readonly string[] _columns;

    /// <summary>Builds a table; <paramref name="values"/> must have one row per timestamp and one column per
    /// name.</summary>
    public WeatherTable(
        string source, IReadOnlyList<string> columns, DateTime[] timestamps, float[,] values, int filledCells = 0)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(timestamps);
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) != timestamps.Length || values.GetLength(1) != columns.Count)
            throw new ArgumentException($"{source}: values are ({values.GetLength(0)}, {values.GetLength(1)}) but " +
                $"there are {timestamps.Length} timestamps and {columns.Count} column names", nameof(values));
        Source = source;
        _columns = [.. columns];
        Timestamps = timestamps;
        Values = values;
        FilledCells = filledCells;
    }

    /// <summary>The file the table was read from, as named in error messages.</summary>
    public string Source { get; }

    /// <summary>The feature names, one per column of <see cref="Values"/>, in order.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The time of each row.</summary>
    public DateTime[] Timestamps { get; }

    /// <summary>The features, (rows, features). Not copied: <see cref="TimeSeriesGenerator.Standardize"/> rewrites it
    /// in place.</summary>
    public float[,] Values { get; }

    /// <summary>The number of time steps (rows).</summary>
    public int RowCount => Values.GetLength(0);

    /// <summary>The number of features (columns).</summary>
    public int ColumnCount => Values.GetLength(1);

    /// <summary>How many missing cells the loader filled in (see the loader's remarks for how); 0 when none.</summary>
    public int FilledCells { get; }

    /// <summary>The index of the column named <paramref name="name"/> (exact match), e.g. the target column for the
    /// generator.</summary>
    public int ColumnIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int index = Array.IndexOf(_columns, name);
        if (index < 0)
            throw new ArgumentException($"{Source}: no column named '{name}'; the columns are " +
                $"{string.Join(", ", _columns.Select(c => $"'{c}'"))}", nameof(name));
        return index;
    }

    /// <summary>A copy of column <paramref name="name"/>, one value per row (e.g. the temperature to plot).</summary>
    public float[] Column(string name)
    {
        int c = ColumnIndex(name);
        var column = new float[RowCount];
        for (int r = 0; r < column.Length; r++) column[r] = Values[r, c];
        return column;
    }
}

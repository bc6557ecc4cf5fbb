using DeepSeq.Data.Csv;

namespace DeepSeq.Data.Loaders;

/// <summary>Checks shared by the loaders, each throwing a <see cref="DataFormatException"/> that names the
/// file.</summary>
internal static class LoaderChecks
{
    /// <summary>Throws unless the table's header is exactly <paramref name="expected"/>.</summary>
    public static void RequireHeader(CsvTable table, IReadOnlyList<string> expected)
    {
        if (!table.Columns.SequenceEqual(expected))
            throw new DataFormatException(table.Source, "line 1",
                $"expected the header {Quote(expected)} but found {Quote(table.Columns)}");
    }

    /// <summary>Throws when the table has a header but no rows.</summary>
    public static void RequireRows(CsvTable table, string what)
    {
        if (table.RowCount == 0)
            throw new DataFormatException(table.Source, "header", $"the file holds a header but no {what}");
    }

    private static string Quote(IEnumerable<string> names) => string.Join(",", names.Select(n => $"'{n}'"));
}

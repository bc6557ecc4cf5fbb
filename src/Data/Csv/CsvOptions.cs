namespace DeepSeq.Data.Csv;

/// <summary>How <see cref="CsvReader"/> reads a file and <see cref="CsvWriter"/> writes one.</summary>
/// <param name="Delimiter">
/// The character between fields; default <c>','</c> (pandas <c>sep</c>, Python <c>csv</c> <c>delimiter</c>).
/// Use <c>'\t'</c> for TSV or <c>';'</c> for the European spelling. A quote, CR or LF cannot be a delimiter.
/// </param>
/// <param name="HasHeader">
/// Whether the first record holds the column names; default <c>true</c> (pandas <c>header=0</c>). Without a
/// header the columns are named <c>"0"</c>, <c>"1"</c>, … as pandas does with <c>header=None</c>.
/// </param>
public readonly record struct CsvOptions(char Delimiter = ',', bool HasHeader = true)
{
    /// <summary>Comma-separated with a header row: RFC 4180 as most files use it.</summary>
    /// <remarks>
    /// Spelled out because <c>new CsvOptions()</c> on a struct is <c>default</c>: a NUL delimiter and no header,
    /// whatever the parameter defaults say. Pass this, <c>null</c>, or name at least one argument.
    /// </remarks>
    public static CsvOptions Default => new(',', true);

    /// <summary>Throws <see cref="ArgumentException"/> when <see cref="Delimiter"/> would make the format
    /// ambiguous.</summary>
    internal void Validate()
    {
        if (Delimiter == '\0')
            throw new ArgumentException("the delimiter is NUL, which is what default(CsvOptions) and new " +
                "CsvOptions() hold; use CsvOptions.Default or new CsvOptions(Delimiter: ',')", nameof(Delimiter));
        if (Delimiter is '"' or '\r' or '\n')
            throw new ArgumentException("the delimiter cannot be " +
                $"{(Delimiter == '"' ? "a double quote" : Delimiter == '\r' ? "CR" : "LF")}: quotes and line breaks " +
                "have their own meaning in CSV", nameof(Delimiter));
    }
}

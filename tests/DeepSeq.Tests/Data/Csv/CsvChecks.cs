using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DeepSeq.Tests.Data.Csv;

/// <summary>
/// What the CSV tests share: a check that an error message holds every expected part, and the FsCheck tables (fields
/// drawn from an alphabet rich in delimiters, quotes, CR, LF, spaces and non-ASCII) for the write-then-read properties.
/// </summary>
internal static class CsvChecks
{
    internal static void Contains(Exception e, params string[] parts)
    {
        foreach (string part in parts) Assert.Contains(part, e.Message);
    }

    internal const int Cases = 200;

    // Weighted towards the troublemakers; 'é' and '😀' (a surrogate pair) check that text is not mangled.
    internal static readonly char[] Alphabet = [',', ';', '\t', '"', '"', '\r', '\n', ' ', 'a', 'b', 'Z', '0', '7', '.', 'é'];

    internal static Gen<string> Field =>
        from length in Gen.Choose(0, 8)
        from chars in Gen.ArrayOf(Gen.Elements(Alphabet), length)
        from emoji in Gen.Elements(false, false, false, true)
        select new string(chars) + (emoji ? "😀" : "");

    internal static Gen<(char Delimiter, bool Header, string[] Names, string[][] Rows)> Table =>
        from width in Gen.Choose(1, 5)
        from height in Gen.Choose(0, 6)
        from delimiter in Gen.Elements(',', ';', '\t')
        from header in Gen.Elements(true, false)
        from names in Gen.ArrayOf(Field, width)
        from rows in Gen.ArrayOf(Gen.ArrayOf(Field, width), height)
        select (delimiter, header, names, rows);

    internal static void Property<T>(Gen<T> gen, Action<T> body)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(gen.ToArbitrary(), body));
}

using DeepSeq.Data.Csv;
using Xunit;

namespace DeepSeq.Tests.Data.Csv;

/// <summary>
/// <see cref="CsvOptions"/>' delimiter check, as the reader and the writer both apply it: a quote or a line break
/// cannot be a delimiter.
/// </summary>
public sealed class CsvOptionsTests
{
    [Fact]
    public void DelimiterCannotBeAQuoteOrLineBreak()
    {
        Assert.Throws<ArgumentException>(() => CsvReader.Parse("a", "q.csv", new CsvOptions('"')));
        Assert.Throws<ArgumentException>(() => CsvWriter.Write(new StringWriter(), null, [["a"]], '\n'));
    }
}

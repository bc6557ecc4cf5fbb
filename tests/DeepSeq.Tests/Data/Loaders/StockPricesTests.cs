using DeepSeq.Data;
using DeepSeq.Data.Loaders;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Loaders;

public sealed class StockPricesTests(ITestOutputHelper output) : IDisposable
{
    private readonly LoaderTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private const string Yahoo =
        "Date,Open,High,Low,Close,Adj Close,Volume\n" +
        "1981-08-07,0.1,0.2,0.05,0.15,0.12,1000\n" +
        "1981-08-10,null,null,null,null,null,null\n" +
        "1981-08-11,1.5,2.5,1.0,2.0,1.8,2e3";   // no trailing newline, as Yahoo writes

    [Fact]
    public void YahooLayoutDropsAllNullRowsAndListsThem()
    {
        var prices = StockPrices.Load(_files.Write("y.csv", Yahoo));

        Assert.Equal(StockLayout.YahooComma, prices.Layout);
        Assert.Equal(2, prices.Count);
        Assert.Equal([new DateOnly(1981, 8, 7), new DateOnly(1981, 8, 11)], prices.Dates);
        Assert.Equal([new DateOnly(1981, 8, 10)], prices.DroppedDates);
        Assert.Equal([0.1, 1.5], prices.Open);
        Assert.Equal([0.2, 2.5], prices.High);
        Assert.Equal([0.05, 1.0], prices.Low);
        Assert.Equal([0.15, 2.0], prices.Close);
        Assert.Equal([0.12, 1.8], prices.AdjClose);
        Assert.Equal([1000.0, 2000.0], prices.Volume);
        Assert.Equal([0.12, 1.8], prices.Column("Adj Close"));
    }

    [Fact]
    public void SpaceSeparatedLayoutIsFoundByItsHeaderAndReadByColumnName()
    {
        string text = "Date High Low Open Close Volume \"Adj Close\"\r\n" +
                      "2010-01-04 315.07 312.43 313.57 313.68 3927065 313.68\r\n" +
                      "2010-01-05 314.0 310.0 313.0 312.3 6000000 312.3\r\n";
        var prices = StockPrices.Load(_files.Write("s.txt", text));

        Assert.Equal(StockLayout.SpaceSeparated, prices.Layout);
        Assert.Equal([313.57, 313.0], prices.Open);
        Assert.Equal([315.07, 314.0], prices.High);
        Assert.Equal([313.68, 312.3], prices.Close);
        Assert.Equal([3927065.0, 6000000.0], prices.Volume);
        Assert.Empty(prices.DroppedDates);
    }

    [Fact]
    public void BetweenKeepsBothEnds()
    {
        var prices = StockPrices.Load(_files.Write("y.csv", Yahoo));
        var part = prices.Between(new DateOnly(1981, 8, 8), new DateOnly(1981, 8, 11));
        Assert.Equal([new DateOnly(1981, 8, 11)], part.Dates);
        Assert.Equal([2.0], part.Close);
        Assert.Equal([new DateOnly(1981, 8, 10)], part.DroppedDates);
        Assert.Equal(0, prices.Between(new DateOnly(1990, 1, 1), new DateOnly(1980, 1, 1)).Count);
    }

    [Theory]
    [InlineData("Date,Open,High,Low,Close,Volume\n2010-01-04,1,2,3,4,5\n", "line 1: the header has no column 'Adj Close'")]
    [InlineData("Date,Open,High,Low,Close,Adj Close,Volume\n2010-01-04,1,2,null,4,5,6\n", "line 2, column 'Low' (field 4): 'null' is missing")]
    [InlineData("Date,Open,High,Low,Close,Adj Close,Volume\n2010-01-04,1,2,3,4,x5,6\n", "line 2, column 'Adj Close' (field 6): 'x5' is not a finite number")]
    [InlineData("Date,Open,High,Low,Close,Adj Close,Volume\n04/01/2010,1,2,3,4,5,6\n", "line 2, column 'Date' (field 1): '04/01/2010' is not a date")]
    [InlineData("Date,Open,High,Low,Close,Adj Close,Volume\n2010-01-05,1,2,3,4,5,6\n2010-01-04,1,2,3,4,5,6\n", "line 3, column 'Date' (field 1): 2010-01-04 does not come after")]
    [InlineData("Date,Open,High,Low,Close,Adj Close,Volume\n2010-01-04,null,null,null,null,null,null\n", "no trading days (1 rows, every one all null)")]
    [InlineData("Date,Open,High,Low,Close,Adj Close,Volume\n2010-01-04,1,2,3,4,5\n", "line 2: the record has 6 fields")]
    public void BadFilesNameTheFileAndLine(string text, string expected)
    {
        string path = _files.Write("bad.csv", text);
        var e = Assert.Throws<DataFormatException>(() => StockPrices.Load(path));
        Assert.StartsWith(path + ": ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    /// <summary>Issue 15: NaN, infinities and a double overflow were read as prices.</summary>
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void NanInStockPricesIsRefused(string value)
    {
        string path = _files.Write("nan.csv", $"Date,Open,High,Low,Close,Adj Close,Volume\n2010-01-04,1,2,3,{value},5,6\n");
        var e = Assert.Throws<DataFormatException>(() => StockPrices.Load(path));
        Assert.Equal((path, "line 2, column 'Close' (field 5)"), (e.Path, e.Position));
        Assert.Equal($"'{value}' is not a finite number", e.Reason);
    }

    [Fact]
    public void UnknownColumnIsAnArgumentError()
    {
        var prices = StockPrices.Load(_files.Write("y.csv", Yahoo));
        Assert.Throws<ArgumentException>(() => prices.Column("close"));
    }

    [Theory]
    [InlineData("GOOG.csv", 4_109, 0, "2004-08-19", "2020-12-11")]
    [InlineData("AAPL.csv", 10_087, 1, "1980-12-12", "2020-12-11")]   // SOURCE.md's 10,087 data rows include the 1981-08-10 null row
    public void RealFilesMatchSourceMd(string file, int dataRows, int nullRows, string first, string last)
    {
        if (LoaderTestFiles.Shared(output, "stocks", file) is not string path) return;
        var prices = StockPrices.Load(path);

        Assert.Equal(StockLayout.YahooComma, prices.Layout);
        Assert.Equal(dataRows - nullRows, prices.Count);
        Assert.Equal(nullRows, prices.DroppedDates.Count);
        Assert.Equal(DateOnly.Parse(first), prices.Dates[0]);
        Assert.Equal(DateOnly.Parse(last), prices.Dates[^1]);
        var e1 = prices.Between(new DateOnly(2010, 1, 1), new DateOnly(2018, 12, 31));
        Assert.Equal(2_264, e1.Count);   // SOURCE.md and experiment E1
        Assert.Equal(new DateOnly(2010, 1, 4), e1.Dates[0]);
        Assert.All(e1.Close, c => Assert.True(c > 0));
        if (nullRows > 0) Assert.Equal(new DateOnly(1981, 8, 10), prices.DroppedDates[0]);
        output.WriteLine($"{file}: {prices.Count} days kept, dropped [{string.Join(", ", prices.DroppedDates)}]");
    }
}

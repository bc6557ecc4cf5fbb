using System.Diagnostics;
using DeepSeq.Data.TimeSeries;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.TimeSeries;

/// <summary>
/// The real Beijing PM2.5 file in <c>../shared/data/beijing_pm25</c> beside the repository; the expected counts come
/// from its SOURCE.md. When it is absent the test passes with a "SKIPPED" message: xunit 2 has no dynamic skip.
/// </summary>
public sealed class BeijingRealFileTests(ITestOutputHelper output)
{
    [Fact]
    public void TheRealFileHas43824HoursWith2067FilledAndFeedsTheGenerator()
    {
        if (SharedData.Find(output, "beijing_pm25", "PRSA_data_2010.1.1-2014.12.31.csv") is not string path) return;
        var clock = Stopwatch.StartNew();

        var table = BeijingPm25.Load(path);

        Assert.Equal(BeijingPm25.RealRowCount, table.RowCount);
        Assert.Equal(11, table.ColumnCount);
        Assert.Equal(2_067, table.FilledCells);   // SOURCE.md: pm2.5 is NA in 2,067 rows
        Assert.Equal(new DateTime(2010, 1, 1, 0, 0, 0), table.Timestamps[0]);
        Assert.Equal(new DateTime(2014, 12, 31, 23, 0, 0), table.Timestamps[^1]);
        for (int r = 1; r < table.RowCount; r++)   // hourly, no gaps: what the generator's arithmetic relies on
            Assert.True(table.Timestamps[r] - table.Timestamps[r - 1] == TimeSpan.FromHours(1), $"row {r}: {table.Timestamps[r]}");
        for (int r = 0; r < table.RowCount; r++)
        {
            float oneHot = 0;
            for (int c = 0; c < table.ColumnCount; c++) Assert.False(float.IsNaN(table.Values[r, c]), $"NaN at row {r}");
            for (int c = 7; c < 11; c++) oneHot += table.Values[r, c];
            Assert.Equal(1f, oneHot);
        }

        // EXPERIMENTS.md B8 on this file: split 50/25/25, lookback 240, step 1, delay 24, target TEMP.
        int train = table.RowCount / 2;
        TimeSeriesGenerator.Standardize(table.Values, train);
        var batch = TimeSeriesGenerator.Generate(table.Values, table.ColumnIndex("TEMP"), lookback: 240, delay: 24, minIndex: 0,
            maxIndex: train, shuffle: true, batchSize: 128, step: 1, generator: new Generator(0)).First();
        Assert.Equal([128, 240, 11], new[] { batch.Samples.GetLength(0), batch.Samples.GetLength(1), batch.Samples.GetLength(2) });
        output.WriteLine($"loaded {path}: {table.RowCount} rows, {table.FilledCells} pm2.5 cells filled, in {clock.ElapsedMilliseconds} ms");
    }
}

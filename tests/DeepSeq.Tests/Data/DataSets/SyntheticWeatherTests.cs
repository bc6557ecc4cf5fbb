using DeepSeq.Data.DataSets;
using DeepSeq.Data.TimeSeries;
using Xunit;

namespace DeepSeq.Tests.Data.DataSets;

/// <summary>
/// <see cref="SyntheticWeather"/>: the Beijing and Jena stand-ins have the real loaders' columns and time steps, are
/// deterministic by seed, and move smoothly from row to row.
/// </summary>
public sealed class SyntheticWeatherTests
{
    [Fact]
    public void SyntheticWeatherHasTheLoadersSchemaAndIsSmooth()
    {
        var beijing = SyntheticWeather.Beijing(500, seed: 1);
        var jena = SyntheticWeather.Jena(500, seed: 1);

        Assert.Equal(BeijingPm25.Columns, beijing.Columns);
        Assert.Equal(JenaClimate.Header.Skip(1), jena.Columns);
        Assert.Equal(500, beijing.RowCount);
        Assert.Equal(TimeSpan.FromHours(1), beijing.Timestamps[1] - beijing.Timestamps[0]);
        Assert.Equal(TimeSpan.FromMinutes(10), jena.Timestamps[1] - jena.Timestamps[0]);
        Assert.Equal(beijing.Values, SyntheticWeather.Beijing(500, seed: 1).Values);
        Assert.NotEqual(jena.Values, SyntheticWeather.Jena(500, seed: 2).Values);
        Assert.Contains("SYNTHETIC", jena.Source);

        // Smooth: the temperature moves less than 3 °C per step, and the dew point stays at or below it.
        float[] temp = jena.Column("T (degC)"), dew = jena.Column("Tdew (degC)");
        for (int r = 1; r < temp.Length; r++) Assert.True(Math.Abs(temp[r] - temp[r - 1]) < 3, $"row {r}");
        for (int r = 0; r < temp.Length; r++) Assert.True(dew[r] <= temp[r] + 1e-3, $"row {r}");
        float[] bTemp = beijing.Column("TEMP");
        for (int r = 1; r < bTemp.Length; r++) Assert.True(Math.Abs(bTemp[r] - bTemp[r - 1]) < 3, $"row {r}");
        for (int r = 0; r < beijing.RowCount; r++)
            Assert.Equal(1f, beijing.Values[r, 7] + beijing.Values[r, 8] + beijing.Values[r, 9] + beijing.Values[r, 10]);
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using DeepSeq.Data.DataSets;
using DeepSeq.Data.TimeSeries;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.TextAndSequences;
using DeepSeq.Samples.TextAndSequences.Weather;
using Xunit;

namespace DeepSeq.Tests.Samples.TextAndSequences;

/// <summary>
/// The sample as a user types it, in-process: every experiment's <c>--quick</c> path on the SYNTHETIC stand-ins
/// (the book's networks build, train a few batches, and record finite metrics and their curves), B1's exact outputs,
/// the weather networks' parameter counts on Jena's 14 columns, and the Jena windows on a generated file in the real
/// file's layout.
/// </summary>
public sealed class TextAndSequencesTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("deepseq-text-sequences-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private (string Text, JsonElement Result) Run(params string[] args)
    {
        var output = new StringWriter();
        int code = SampleApp.Run(TextAndSequencesSample.Name, TextAndSequencesSample.Experiments,
            [.. args, "--out", _out], output);
        string text = output.ToString();
        Assert.True(code == 0, text);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "results.json")));
        return (text, results.RootElement.EnumerateArray().Last().Clone());
    }

    public static TheoryData<string> Ids => [.. TextAndSequencesSample.Experiments.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryExperimentRunsQuicklyOnTheStandInsAndRecordsFiniteMetrics(string id)
    {
        var (text, result) = Run("run", id, "--quick", "--synthetic");
        foreach (var metric in result.GetProperty("metrics").EnumerateObject())
            Assert.True(double.IsFinite(metric.Value.GetDouble()), $"{id}.{metric.Name} = {metric.Value}");
        var experiment = TextAndSequencesSample.Experiments.Single(e => e.Id == id);
        if (experiment is ImdbSequenceExperiment imdb)
        {
            Assert.Contains("SYNTHETIC", text);
            Assert.Contains($"Total params: {imdb.ExpectedParams.ToString("N0", CultureInfo.InvariantCulture)}", text);
            Assert.True(new FileInfo(Path.Combine(_out, $"{id}_acc.png")).Length > 1000);
        }
        if (experiment is WeatherExperiment)
        {
            Assert.Contains("SYNTHETIC", text);
            Assert.True(new FileInfo(Path.Combine(_out, $"{id}_loss.png")).Length > 1000);
        }
    }

    [Fact]
    public void B1PrintsTheBooksTokensShapesAndSequences()
    {
        var (text, _) = Run("run", "b1");
        Assert.Contains("Found 9 unique tokens.", text);
        Assert.Contains("Tokenizer sequences: [[1, 2, 3, 4, 1, 5], [1, 6, 7, 8, 9]]", text);
        Assert.Contains("Word level (split on spaces, max 10 words): (2,10,11)", text);
        Assert.Contains("Character level (string.printable, max 50 characters): (2,50,101)", text);
        Assert.Contains("Tokenizer binary matrix: (2,1000)", text);
        Assert.Contains("Hashing trick (dimension 1000, FNV-1a): (2,10,1000)", text);
        Assert.Equal(100, TextEncodings.Printable.Length);
        // "The" is word 1 and "mat." (with its period) word 6 of listing 6.1; index 0 is never used.
        var words = TextEncodings.WordLevel(10);
        Assert.Equal(1f, words[0, 0, 1]);
        Assert.Equal(1f, words[0, 5, 6]);
        Assert.Equal(0f, words.Narrow(2, 0, 1).Sum().Item());
        Assert.Equal(6f + 5f, words.Sum().Item());
    }

    [Fact]
    public void B4AndB6MatchTheBook()
    {
        var (_, b4) = Run("run", "b4");
        Assert.Equal(100, b4.GetProperty("metrics").GetProperty("timesteps").GetDouble());
        Assert.Equal(64, b4.GetProperty("metrics").GetProperty("output_features").GetDouble());
        Assert.True(b4.GetProperty("metrics").GetProperty("max_difference_from_layer").GetDouble() < 1e-12);
        var (text, b6) = Run("run", "b6");
        Assert.Equal([322_080, 322_080, 328_320], b6.GetProperty("metrics").EnumerateObject()
            .Select(m => (int)m.Value.GetDouble()));
        Assert.Contains("(None, None, 32)", text);
    }

    public static TheoryData<string> WeatherIds =>
        [.. TextAndSequencesSample.Experiments.OfType<WeatherExperiment>().Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(WeatherIds))]
    public void TheWeatherNetworksHaveTheBooksParameterCountsOnJena(string id)
    {
        var experiment = TextAndSequencesSample.Experiments.OfType<WeatherExperiment>().Single(e => e.Id == id);
        // Jena windows: 1440 / 6 = 240 hourly steps (B17: 720 / 3 = 240) of its 14 columns.
        Assert.Equal(experiment.JenaParams, experiment.Build(240, 14).CountParams());
    }

    [Fact]
    public void JenaWindowsAreTheBooksSlicing()
    {
        // A generated file in the real file's layout, long enough for the book's fixed row indices.
        const int Rows = 300_001 + 1440 + 144 + 128 * 3;
        string root = Path.Combine(_out, "data");
        string path = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "jena_climate")).FullName,
            "jena_climate_2009_2016.csv");
        WriteJenaCsv(SyntheticWeather.Jena(Rows, 5), path);
        var options = new RunOptions(root, null, false, 42, _out, false);
        var weather = WeatherData.Load(options, higherResolution: false);

        Assert.True(weather.IsJena);
        Assert.Equal((1440, 6, 144, 240, 14), (weather.Lookback, weather.Step, weather.Delay, weather.Timesteps,
            weather.Features));
        Assert.Equal((200_000, 200_001, 300_000, 300_001),
            (weather.TrainEnd, weather.ValidationStart, weather.ValidationEnd, weather.TestStart));
        Assert.Equal((300_000 - 200_001 - 1440) / 128, weather.ValidationSteps);
        Assert.Equal((Rows - 300_001 - 1440) / 128, weather.TestSteps);
        Assert.Equal(1, weather.Target);

        // The book: mean = float_data[:200000].mean(axis=0), std likewise; val_gen's first row is 200001 + 1440, its
        // sample the rows 200001, 200007, …, 201435, its target row 201441 + 144, column 1.
        var raw = weather.Table.Values;
        double mean = Enumerable.Range(0, 200_000).Average(r => (double)raw[r, 1]);
        Assert.Equal(mean, weather.Mean[1], 3);
        var first = weather.Validation().First();
        var x = first.X[0];
        Assert.Equal(new DeepSeq.Shape(128, 240, 14), x.Shape);
        float Standardised(int row, int column) => (raw[row, column] - weather.Mean[column]) / weather.Std[column];
        Assert.Equal(Standardised(200_001, 1), x[0, 0, 1], 4);
        Assert.Equal(Standardised(200_001 + 6 * 239, 13), x[0, 239, 13], 4);
        Assert.Equal(Standardised(200_002 + 6 * 239, 0), x[1, 239, 0], 4);
        Assert.Equal(Standardised(200_001 + 1440 + 144, 1), first.Y[0][0, 0], 4);

        var fine = WeatherData.Load(options, higherResolution: true);
        Assert.Equal((720, 3, 144, 240), (fine.Lookback, fine.Step, fine.Delay, fine.Timesteps));
    }

    /// <summary>The table as the real file is written: quoted header, dd.MM.yyyy HH:mm:ss, two decimals.</summary>
    private static void WriteJenaCsv(WeatherTable table, string path)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", JenaClimate.Header.Select(h => $"\"{h}\"")));
        for (int r = 0; r < table.RowCount; r++)
        {
            text.Append(table.Timestamps[r].ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture));
            for (int c = 0; c < table.ColumnCount; c++)
                text.Append(',').Append(table.Values[r, c].ToString("0.00", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }
}

using System.Text.Json;
using DeepSeq.Kernels;
using DeepSeq.Layers;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.RecurrentProjects;
using DeepSeq.Samples.RecurrentProjects.Stocks;
using Xunit;

namespace DeepSeq.Tests.Samples.RecurrentProjects;

/// <summary>
/// The project's stock experiments: the window and target indexing of E1 (the one-day skip, 2,233 windows, the
/// 2,009 / 224 split), the three networks' parameter counts, Pearson's r, and every experiment's <c>--quick</c> path
/// (E5–E7 too) on the SYNTHETIC stand-in. Text generation's own tests are in TextGenerationTests.cs.
/// </summary>
public sealed class RecurrentProjectsTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("deepseq-recurrent-projects-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void WindowsAreThirtyDaysWithTheTargetThirtyOneDaysOn()
    {
        // Day d of stock s is worth 1000·s + d, so every value says where it came from.
        var series = new double[2264, 2];
        for (int d = 0; d < 2264; d++) (series[d, 0], series[d, 1]) = (d, 1000 + d);
        var (x, y) = StockData.Windows(series);
        Assert.Equal(new Shape(2233, 30, 2), x.Shape);
        Assert.Equal(new Shape(2233, 2), y.Shape);
        Assert.Equal(17f, x[17, 0, 0]);
        Assert.Equal(1000f + 17 + 29, x[17, 29, 1]);
        Assert.Equal(17f + 31, y[17, 0]);     // day i + 30 is skipped, as the project's code does
        Assert.Equal(1000f + 2263, y[2232, 1]);
        Assert.Throws<ArgumentException>(() => StockData.Windows(new double[31, 2]));
    }

    [Fact]
    public void TheSplitIsTheProjectsSizesAndCoversEveryWindowOnce()
    {
        var data = StockData.Load(new RunOptions(null, null, true, 42, _out, true));
        Assert.Equal(2009, data.Split.XTrain.Shape[0]);
        Assert.Equal(224, data.Split.XTest.Shape[0]);
        Assert.Equal(224, data.Split.TestRows.Distinct().Count());
        Assert.Equal(data.X.Narrow(0, data.Split.TestRows[5], 1).Squeeze(0).ToArray(),
            data.Split.XTest.Narrow(0, 5, 1).Squeeze(0).ToArray());
    }

    [Fact]
    public void TheNetworksHaveTheProjectsParameterCounts()
    {
        Assert.Equal(428_162, StockExperiment.Build(CellKind.SimpleRnn).CountParams());
        Assert.Equal(957_058, StockExperiment.Build(CellKind.Gru).CountParams());
        Assert.Equal(1_219_202, StockExperiment.Build(CellKind.Lstm).CountParams());
    }

    /// <summary>TF2's rule, which the project ran under: LSTM and GRU take the fused path (per-element input masks)
    /// unless recurrent_dropout &gt; 0; a SimpleRNN always runs its cell (time-constant masks).</summary>
    [Theory]
    [InlineData(CellKind.Lstm, 0, InputDropoutMask.PerElement)]
    [InlineData(CellKind.Gru, 0, InputDropoutMask.PerElement)]
    [InlineData(CellKind.SimpleRnn, 0, InputDropoutMask.TimeConstant)]
    [InlineData(CellKind.Lstm, 0.05, InputDropoutMask.TimeConstant)]
    public void TheInputDropoutMasksFollowTf2sRule(CellKind cell, double recurrentDropout, InputDropoutMask expected)
    {
        var recurrent = StockExperiment.Build(cell, recurrentDropout).Layers.OfType<RecurrentLayer>().Single();
        Assert.Equal(expected, recurrent.InputDropoutMask);
        Assert.Equal(0.1, recurrent.DropoutRate);
    }

    [Fact]
    public void PearsonIsOneForALineMinusOneForItsMirrorAndRefusesBadInput()
    {
        double[] a = [1, 2, 3, 4];
        Assert.Equal(1.0, StockExperiment.Pearson(a, [3, 5, 7, 9]), 12);
        Assert.Equal(-1.0, StockExperiment.Pearson(a, [4, 3, 2, 1]), 12);
        Assert.Equal(0.0, StockExperiment.Pearson([1, 2, 3], [1, 0, 1]), 12);
        Assert.Throws<ArgumentException>(() => StockExperiment.Pearson(a, [1, 2]));
    }

    public static TheoryData<string> Ids => [.. RecurrentProjectsSample.Experiments.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void EveryExperimentRunsQuicklyOnTheStandIn(string id)
    {
        var output = new StringWriter();
        int code = RecurrentProjectsSample.Run(["run", id, "--quick", "--synthetic", "--out", _out], output);
        string text = output.ToString();
        Assert.True(code == 0, text);
        Assert.Contains("SYNTHETIC", text);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "results.json")));
        var result = Assert.Single(results.RootElement.EnumerateArray());
        foreach (var metric in result.GetProperty("metrics").EnumerateObject())
            Assert.True(double.IsFinite(metric.Value.GetDouble()), $"{id}.{metric.Name} = {metric.Value}");
    }
}

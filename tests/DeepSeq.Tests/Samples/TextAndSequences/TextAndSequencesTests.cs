using System.Text.Json;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.TextAndSequences;
using Xunit;

namespace DeepSeq.Tests.Samples.TextAndSequences;

/// <summary>
/// The sample's <c>--quick</c> path on the SYNTHETIC IMDB stand-in, run in-process as a user types it: B7 builds the
/// book's 328,353-parameter network, trains, and records finite metrics and its curves as PNGs.
/// </summary>
public sealed class TextAndSequencesTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("deepseq-text-sequences-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void QuickSyntheticB7RecordsFiniteMetricsAndCurves()
    {
        var output = new StringWriter();
        int code = SampleApp.Run(TextAndSequencesSample.Name, TextAndSequencesSample.Experiments,
            ["run", "b7", "--quick", "--synthetic", "--out", _out], output);
        string text = output.ToString();
        Assert.True(code == 0, text);
        Assert.Contains("SYNTHETIC", text);
        Assert.Contains("Total params: 328,353", text);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "results.json")));
        var b7 = Assert.Single(results.RootElement.EnumerateArray());
        foreach (var metric in b7.GetProperty("metrics").EnumerateObject())
            Assert.True(double.IsFinite(metric.Value.GetDouble()), $"B7.{metric.Name} = {metric.Value}");
        Assert.True(new FileInfo(Path.Combine(_out, "B7_loss.png")).Length > 1000);
    }
}

using System.Text.Json;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.NeuralNetworkAnatomy;
using Xunit;

namespace DeepSeq.Tests.Samples.NeuralNetworkAnatomy;

/// <summary>
/// The sample's <c>--quick</c> path, run in-process on the SYNTHETIC stand-ins exactly as a user types it: every
/// experiment must finish, record finite metrics in results.json, and write real PNG plots.
/// </summary>
public sealed class NeuralNetworkAnatomyTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _out = Directory.CreateTempSubdirectory("deepseq-anatomy-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private (int ExitCode, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        int code = SampleApp.Run(AnatomySample.Name, AnatomySample.Experiments, args, output);
        return (code, output.ToString());
    }

    [Fact]
    public void QuickSyntheticRunRecordsEveryExperimentAndWritesPngs()
    {
        var (code, output) = Run("run", "all", "--quick", "--synthetic", "--out", _out);

        Assert.True(code == 0, output);
        Assert.Contains("IMDB: SYNTHETIC stand-in", output);
        Assert.Contains("MNIST: SYNTHETIC stand-in", output);

        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "results.json")));
        var byId = results.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal(["A1", "A1x", "A2"], byId.Keys.Order());
        foreach (var (id, entry) in byId)
        {
            Assert.Equal("synthetic", entry.GetProperty("dataSource").GetString());
            Assert.True(entry.GetProperty("quick").GetBoolean());
            var metrics = entry.GetProperty("metrics").EnumerateObject().ToList();
            Assert.NotEmpty(metrics);
            foreach (var metric in metrics)
                Assert.True(metric.Value.ValueKind == JsonValueKind.Number && double.IsFinite(metric.Value.GetDouble()), $"{id}.{metric.Name} = {metric.Value}");
        }
        // The book's parameter counts: 10,000·16+16 + 16·16+16 + 16+1 and 784·32+32 + 32·10+10.
        Assert.Equal(160_305, byId["A1"].GetProperty("metrics").GetProperty("params").GetDouble());
        Assert.Equal(25_450, byId["A2"].GetProperty("metrics").GetProperty("params").GetDouble());
        // Accuracies are fractions; the stand-in is learnable, so the model beats a coin.
        double testAcc = byId["A1"].GetProperty("metrics").GetProperty("test_acc").GetDouble();
        Assert.InRange(testAcc, 0.6, 1.0);

        foreach (string png in new[] { "A1_loss.png", "A1_acc.png" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(_out, png));
            Assert.True(bytes.Length > 1000, $"{png} has only {bytes.Length} bytes");
            Assert.Equal(PngSignature, bytes[..8]);
        }
        Assert.True(File.Exists(Path.Combine(_out, "A1_imdb_dense.safetensors")));
    }

    [Fact]
    public void AnUnknownIdIsRefusedWithTheKnownOnes()
    {
        var (code, output) = Run("run", "B7", "--quick", "--synthetic", "--out", _out);
        Assert.Equal(2, code);
        Assert.Contains("no experiment 'B7'; known: A1, A1x, A2, all", output);
        Assert.False(File.Exists(Path.Combine(_out, "results.json")));
    }

    [Fact]
    public void ListNamesEveryExperiment()
    {
        var (code, output) = Run("list");
        Assert.Equal(0, code);
        foreach (var experiment in AnatomySample.Experiments) Assert.Contains(experiment.Id + " ", output);
    }
}

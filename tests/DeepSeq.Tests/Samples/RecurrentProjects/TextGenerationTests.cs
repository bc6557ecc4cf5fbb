using System.Text.Json;
using DeepSeq.Autograd;
using DeepSeq.Data.Loaders;
using DeepSeq.Kernels;
using DeepSeq.Layers;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.RecurrentProjects;
using DeepSeq.Samples.RecurrentProjects.TextGeneration;
using Xunit;

namespace DeepSeq.Tests.Samples.RecurrentProjects;

using Tensor = DeepSeq.Tensor;

/// <summary>
/// The project's text generation (E5–E7): the chunking of the corpus into windows and shifted targets, the
/// parameter formula, temperature sampling, stateful one-step generation against the whole sequence, and the saved
/// model that <c>generate</c> loads, on a corpus given by <c>--corpus</c>.
/// </summary>
public sealed class TextGenerationTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("deepseq-text-generation-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void WindowsAreConsecutiveChunksWithTargetsShiftedByOne()
    {
        int[] codes = [.. Enumerable.Range(0, 1000)];
        var (x, y) = CharSequences.Windows(codes, 250);
        Assert.Equal(new Shape(3, 250), x.Shape);             // ⌊1000 / 251⌋: the partial fourth chunk is dropped
        Assert.Equal(0f, x[0, 0]);
        Assert.Equal(249f, x[0, 249]);
        Assert.Equal(251f, x[1, 0]);                          // stride 251: character 250 is only a target
        Assert.Equal(250, y[0, 249]);
        Assert.Equal(252, y[1, 0]);
        Assert.Equal(502 + 250, y[2, 249]);
        Assert.Equal(2, CharSequences.Windows(codes, 250, maxWindows: 2).X.Shape[0]);
        Assert.Throws<ArgumentException>(() => CharSequences.Windows(codes, 500));
        var oneHot = CharSequences.OneHot(new[,] { { 2, 0 } }, 3);
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 0 }, oneHot.ToArray());
    }

    [Fact]
    public void TheParameterFormulaIsTheCountAndTheProjects()
    {
        Assert.Equal(4_766_841, TextGenerationExperiment.ParameterFormula(CellKind.Lstm, 57));
        Assert.Equal(3_654_777, TextGenerationExperiment.ParameterFormula(CellKind.Gru, 57));
        foreach (var cell in new[] { CellKind.Lstm, CellKind.Gru })
            Assert.Equal(TextGenerationExperiment.ParameterFormula(cell, 39),
                TextGenerationExperiment.Build(cell, 39, 250, "glorot_uniform").CountParams());
    }

    [Fact]
    public void TemperatureSamplingTendsToTheArgmaxAndFollowsPAtOne()
    {
        var random = new System.Random(3);
        for (int trial = 0; trial < 50; trial++)
        {
            var p = Enumerable.Range(0, 12).Select(_ => (float)random.NextDouble()).ToArray();
            float total = p.Sum();
            for (int i = 0; i < p.Length; i++) p[i] /= total;
            int argmax = Array.IndexOf(p, p.Max());
            var generator = new Generator((ulong)trial);
            Assert.Equal(argmax, CharGenerator.Choose(p, 0, generator));
            Assert.Equal(argmax, CharGenerator.Choose(p, 1e-4, generator));
        }
        float[] q = [0.5f, 0.3f, 0.2f, 0f];
        var counts = new int[4];
        var draws = new Generator(7);
        for (int i = 0; i < 20_000; i++) counts[CharGenerator.Choose(q, 1.0, draws)]++;
        for (int c = 0; c < 4; c++) Assert.InRange(counts[c] / 20_000.0, q[c] - 0.015, q[c] + 0.015);
        Assert.Throws<ArgumentOutOfRangeException>(() => CharGenerator.Choose(q, -1, draws));
    }

    /// <summary>A small model of the project's shape, and its generator: Embedding → cell → Dense(softmax).</summary>
    private static (Sequential Model, CharGenerator Generator) Small(CellKind cell, CharVocabulary vocabulary)
    {
        Session.SetRandomSeed(4);
        RecurrentLayer Layer(bool stateful) => cell == CellKind.Lstm
            ? new Lstm(6, returnSequences: true, stateful: stateful)
            : new Gru(6, returnSequences: true, stateful: stateful);
        var model = new Sequential(new InputLayer([12]), new Embedding(vocabulary.Count, 5), Layer(false),
            new Dense(vocabulary.Count, "softmax"));
        return (model, new CharGenerator(model, Layer(true), vocabulary));
    }

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void SteppingOneCharacterAtATimeEqualsTheWholeSequence(CellKind cell)
    {
        var vocabulary = new CharVocabulary("abcdefg ");
        var (model, generator) = Small(cell, vocabulary);
        const string text = "a bad cafe g";
        var codes = vocabulary.Encode(text).Select(c => (float)c).ToArray();
        var whole = model.Predict(Tensor.FromArray(codes, new Shape(1, codes.Length))).ToArray();
        int v = vocabulary.Count;
        generator.Reset();
        for (int t = 0; t < text.Length; t++)
        {
            var p = generator.Read(text[t].ToString());
            for (int c = 0; c < v; c++) Assert.Equal(whole[t * v + c], p[c], 5);
        }
        generator.Reset();
        Assert.Equal(whole.Skip((text.Length - 1) * v).Take(v).ToArray(), generator.Read(text), new FloatClose(1e-5f));
    }

    [Fact]
    public void AFixedSeedReproducesTheTextAndUnknownCharactersAreNamed()
    {
        var vocabulary = new CharVocabulary("abcdefg ");
        var (_, generator) = Small(CellKind.Lstm, vocabulary);
        string a = generator.Generate("bad ", 40, 0.5, seed: 9);
        Assert.Equal(a, generator.Generate("bad ", 40, 0.5, seed: 9));
        Assert.Equal(44, a.Length);
        Assert.StartsWith("bad ", a);
        Assert.NotEqual(a, generator.Generate("bad ", 40, 0.5, seed: 10));
        Assert.Equal(generator.Generate("bad ", 40, 0, seed: 1), generator.Generate("bad ", 40, 0, seed: 2));
        var e = Assert.Throws<ArgumentException>(() => generator.Generate("bax", 5, 0));
        Assert.Contains("'x'", e.Message);
        Assert.Contains("position 2", e.Message);
    }

    [Fact]
    public void E5OnAUserCorpusLearnsSavesAndGenerates()
    {
        string corpus = Path.Combine(_out, "corpus.txt");
        File.WriteAllText(corpus, string.Concat(Enumerable.Repeat("To be, or not to be: that is the question.\n", 40)));
        var output = new StringWriter();
        int code = RecurrentProjectsSample.Run(["run", "e5", "--quick", "--corpus", corpus, "--out", _out], output);
        string text = output.ToString();
        Assert.True(code == 0, text);
        Assert.Contains(corpus, text);
        Assert.Contains("V = 17", text);
        using (var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "results.json"))))
        {
            var metrics = Assert.Single(results.RootElement.EnumerateArray()).GetProperty("metrics");
            Assert.True(metrics.GetProperty("lstm_loss_2").GetDouble() < metrics.GetProperty("lstm_loss_1").GetDouble(),
                "the training loss did not fall");
        }
        string weights = Path.Combine(_out, TextModel.WeightsFile);
        var generated = new StringWriter();
        Assert.Equal(0, RecurrentProjectsSample.Run(["generate", "--model", weights, "--prompt", "To Be", "--length",
            "20", "--temperature", "0"], generated));
        Assert.Equal(25, generated.ToString().TrimEnd('\r', '\n').Length);
        Assert.StartsWith("to be", generated.ToString());
        var refused = new StringWriter();
        Assert.Equal(2, RecurrentProjectsSample.Run(["generate", "--model", weights, "--prompt", "zebra"], refused));
        Assert.Contains("'z'", refused.ToString());
        Assert.Equal(2, RecurrentProjectsSample.Run(["generate", "--model", Path.Combine(_out, "none.safetensors"),
            "--prompt", "to"], refused));
        Assert.Contains("none.safetensors", refused.ToString());
    }

    private sealed class FloatClose(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(float value) => 0;
    }
}

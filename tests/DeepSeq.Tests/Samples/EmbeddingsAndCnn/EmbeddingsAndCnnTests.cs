using System.Text.Json;
using DeepSeq.Layers;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.EmbeddingsAndCnn;
using Xunit;

namespace DeepSeq.Tests.Samples.EmbeddingsAndCnn;

/// <summary>
/// The sample's <c>--quick</c> path on the SYNTHETIC stand-ins, run in-process as a user types it (every experiment
/// finishes with finite metrics and real PNGs; D1's counts exact), and the pieces it is built from: the homework's
/// text cleaning and (centre, context) pairs, nearest words by Euclidean distance, and Grad-CAM maps that are
/// normalised, image-sized and follow the evidence a network was built to use.
/// </summary>
public sealed class EmbeddingsAndCnnTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _out = Directory.CreateTempSubdirectory("deepseq-embeddings-cnn-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static void AssertPng(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
    }

    [Fact]
    public void QuickSyntheticRunRecordsEveryExperimentAndWritesPngs()
    {
        var output = new StringWriter();
        int code = SampleApp.Run(EmbeddingsAndCnnSample.Name, EmbeddingsAndCnnSample.Experiments,
            ["run", "all", "--quick", "--synthetic", "--out", _out], output);
        string text = output.ToString();

        Assert.True(code == 0, text);
        Assert.Contains("MNIST: SYNTHETIC stand-in", text);
        Assert.Contains("Fashion-MNIST: SYNTHETIC stand-in", text);
        Assert.Contains("Reuters crude: SYNTHETIC stand-in", text);
        Assert.Contains("Total params: 7,882,496", text);
        Assert.Contains("Total params: 130,890", text);
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "results.json")));
        var byId = results.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal(["D1", "D2", "D3", "D3F", "D4"], byId.Keys.Order());
        foreach (var (id, entry) in byId)
            foreach (var metric in entry.GetProperty("metrics").EnumerateObject())
                Assert.True(double.IsFinite(metric.Value.GetDouble()), $"{id}.{metric.Name} = {metric.Value}");
        double Metric(string id, string name) => byId[id].GetProperty("metrics").GetProperty(name).GetDouble();
        Assert.Equal(9_472, Metric("D1", "conv1_params"));
        Assert.Equal(204_928, Metric("D1", "conv2_params"));
        Assert.Equal(295_168, Metric("D1", "conv3_params"));
        Assert.Equal(7_372_928, Metric("D1", "dense_params"));
        Assert.Equal(256_000, Metric("D1", "embedding_params"));
        Assert.Equal(49_280, Metric("D1", "simple_rnn_params"));
        Assert.Equal(130_890, Metric("D3", "params"));
        Assert.InRange(Metric("D4", "heat_on_strokes"), 0, 1);

        AssertPng(Path.Combine(_out, "D3_first_ten.png"));
        AssertPng(Path.Combine(_out, "D2_embedding.png"));
        for (int i = 0; i < 10; i++) AssertPng(Path.Combine(_out, $"D4_gradcam_{i}.png"));
        Assert.True(File.Exists(Path.Combine(_out, MnistCnn.WeightsFile)));
    }

    [Fact]
    public void CleaningRemovesTagsDigitsPunctuationAndTheStopWords()
    {
        Assert.Equal(["oil", "prices", "rose", "pct", "us", "kuwait", "saidtoday"],
            CrudeCorpus.Clean("<b>Oil</b> prices rose 3.5 pct in the U.S. and <Kuwait Oil Co> Kuwait, said-today."));
        Assert.Empty(CrudeCorpus.Clean("The 1987 <AMOCO> is a BE and"));
    }

    [Fact]
    public void PairsTakeEveryOtherWordWithinTheWindowInsideEachArticle()
    {
        var corpus = new CrudeCorpus([["a1", "b1", "c1"], ["d1"]], ["a1", "b1", "c1", "d1"],
            new DeepSeq.Samples.Data.DataOrigin("test", true, null, "test"));
        Assert.Equal([(0, 1), (1, 0), (1, 2), (2, 1)], corpus.Pairs(1));
        Assert.Equal([(0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1)], corpus.Pairs(2));
    }

    [Fact]
    public void FindSimilarRanksByEuclideanDistanceAndNamesAnUnknownWord()
    {
        string[] words = ["oil", "gas", "iran", "iraq", "crude"];
        float[][] at = [[0, 0], [1, 0], [10, 10], [10, 11], [0, 2]];
        Assert.Equal(["gas", "crude", "iran", "iraq"], Word2Vec.FindSimilar("oil", words, at));
        Assert.Equal(["iran"], Word2Vec.FindSimilar("iraq", words, at, count: 1));
        var e = Assert.Throws<KeyNotFoundException>(() => Word2Vec.FindSimilar("opec", words, at));
        Assert.Contains("'opec'", e.Message);
    }

    [Fact]
    public void GradCamMapsAreNormalisedImageSizedAndFollowTheEvidence()
    {
        // Weights set by hand: every kernel entry 0.01 and every bias 0, except that only class 3 reads the last
        // hidden layer (at 0.001, so that the softmax does not saturate). The image is bright in its top-left corner
        // only, so that is where the conv activations, and with them the evidence for class 3, are: the map must
        // peak there.
        Session.SetRandomSeed(5);
        var model = MnistCnn.Build();
        var classifier = model.Layers[^1];
        foreach (var layer in model.Layers.Where(l => l.Weights.Count > 0))
            layer.SetWeights([.. layer.GetWeights<float>()
                .Select(w => DeepSeq.Tensor.Full(w.Shape, w.Rank == 1 ? 0 : 0.01f))]);
        var readsClass3 = new float[128 * 10];
        for (int i = 0; i < 128; i++) readsClass3[i * 10 + 3] = 0.001f;
        classifier.SetWeights([DeepSeq.Tensor.FromArray(readsClass3, new Shape(128, 10)),
            DeepSeq.Tensor.Zeros<float>(new Shape(10))]);
        var image = new float[28 * 28];
        for (int r = 0; r < 6; r++) for (int c = 0; c < 6; c++) image[r * 28 + c] = 1;
        var images = DeepSeq.Tensor.FromArray(image, new Shape(1, 28, 28, 1));

        var (heat, predicted) = GradCam.Explain(model, images);

        Assert.Equal(new Shape(1, 28, 28, 1), heat.Shape);
        float[] map = heat.ToArray();
        Assert.All(map, v => Assert.InRange(v, 0f, 1f));
        Assert.InRange(map.Max(), 0.5f, 1f);   // 1 on the 7 × 7 map; bilinear blending at 28 × 28 may shave it
        Assert.Equal(3, predicted[0]);
        double topLeft = Enumerable.Range(0, 8).Sum(r => Enumerable.Range(0, 8).Sum(c => map[r * 28 + c]));
        double bottomRight = Enumerable.Range(20, 8).Sum(r => Enumerable.Range(20, 8).Sum(c => map[r * 28 + c]));
        Assert.True(topLeft > 10 * bottomRight + 1, $"top-left heat {topLeft}, bottom-right {bottomRight}");
    }
}

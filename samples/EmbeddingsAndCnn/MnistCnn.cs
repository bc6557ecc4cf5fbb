using System.Diagnostics;
using System.Globalization;
using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Plotting;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmbeddingsAndCnn;

/// <summary>
/// D3, the homework's MNIST CNN: three Conv2D(3 × 3, same, relu) layers of 32, 64 and 64 filters, each followed by
/// MaxPooling2D(2), then Flatten → Dense(128, relu) → Dense(10, softmax): 130,890 parameters. Pixels / 255 with a
/// channel axis added, one-hot labels, Adam (Keras defaults), categorical crossentropy, batch 64, 15 epochs, the
/// test set as validation. Also draws the first ten training images in a 2 × 5 grid titled "Label: n".
/// </summary>
/// <remarks>
/// The same experiment on Fashion-MNIST (<see cref="Fashion"/>, id D3F) trains the same network on Zalando's
/// clothing images, which drop into MNIST's format; the documents give no reference figure for it. D3 keeps its
/// trained network for D4 (Grad-CAM) in the run and writes its weights to <c>D3_mnist_cnn.safetensors</c>.
/// </remarks>
/// <param name="dataSet"><c>mnist</c> (D3) or <c>fashion_mnist</c> (D3F).</param>
public sealed class MnistCnn(string dataSet = "mnist") : Experiment
{
    /// <summary>D3F: the same network and training on Fashion-MNIST.</summary>
    public static MnistCnn Fashion() => new("fashion_mnist");

    private bool IsMnist => dataSet == "mnist";

    /// <inheritdoc/>
    public override string Id => IsMnist ? "D3" : "D3F";

    /// <inheritdoc/>
    public override string Title => (IsMnist ? "MNIST" : "Fashion-MNIST") + " CNN: 3 × [Conv2D(3×3, same, relu) → " +
                                    "MaxPool(2)] (32, 64, 64 filters) → Dense(128, relu) → Dense(10, softmax), " +
                                    "Adam, batch 64, 15 epochs, test set as validation";

    /// <inheritdoc/>
    public override string Reference => IsMnist
        ? "130,890 params; test acc 0.9915 (epochs 11–15: 0.9926, 0.9918, 0.9908, 0.9926, 0.9915)"
        : "130,890 params; no reference accuracy in the documents";

    /// <summary>Mini-batch size, as the homework trains.</summary>
    public const int BatchSize = 64;

    /// <summary>The name of D3's last Conv2D, whose (7, 7, 64) output Grad-CAM explains.</summary>
    public const string LastConvName = "last_conv";

    /// <summary>The weights file D3 writes in the output folder (and D4 reads when run on its own).</summary>
    public const string WeightsFile = "D3_mnist_cnn.safetensors";

    /// <summary>The key under which D3 leaves its trained network for D4 in the same run.</summary>
    public const string SharedModelKey = "D3.model";

    /// <summary>The network, compiled with Adam(0.001) and categorical crossentropy, accuracy as "acc".</summary>
    public static Sequential Build()
    {
        var model = new Sequential(new InputLayer([MnistData.Side, MnistData.Side, 1]),
            new Conv2D(32, 3, padding: "same", activation: "relu"), new MaxPooling2D(),
            new Conv2D(64, 3, padding: "same", activation: "relu"), new MaxPooling2D(),
            new Conv2D(64, 3, padding: "same", activation: "relu", name: LastConvName), new MaxPooling2D(),
            new Flatten(), new Dense(128, "relu"), new Dense(10, "softmax"));
        model.Compile(new Adam(), "categorical_crossentropy", ["acc"]);
        return model;
    }

    /// <summary>MNIST (or Fashion-MNIST) for this run, loaded once and shared by D3/D3F and D4.</summary>
    public static MnistData Data(ExperimentContext context, string dataSet = "mnist")
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Shared(dataSet, () =>
            MnistData.Load(context.Options, context.Size(60_000, 2_000), context.Size(10_000, 500), dataSet));
    }

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var output = context.Output;
        var data = Data(context, dataSet);
        output.WriteLine(data.Origin.Description);
        var x = MnistData.AsImages(data.TrainImages);
        var xTest = MnistData.AsImages(data.TestImages);
        var y = Vectorize.OneHot(data.TrainLabels, 10);
        var yTest = Vectorize.OneHot(data.TestLabels, 10);
        output.WriteLine($"plot: {SaveFirstTen(data, context.OutPath($"{Id}_first_ten.png"))}");

        Session.SetRandomSeed((ulong)context.Seed);
        var model = Build();
        model.ProgressOutput = output;
        model.Summary(output);
        int epochs = context.Epochs(15, 1);
        output.WriteLine($"Training on {x.Shape[0]} images, validating on the {xTest.Shape[0]} test images, " +
                         $"{epochs} epochs, batch {BatchSize}:");
        var clock = Stopwatch.StartNew();
        var history = model.Fit(x, y, batchSize: BatchSize, epochs: epochs,
            validationData: new TensorDataset<float>(xTest, yTest), verbose: 2);
        double secondsPerEpoch = clock.Elapsed.TotalSeconds / epochs;

        HistoryTable.Write(history, output);
        var test = model.Evaluate(xTest, yTest, batchSize: BatchSize);
        output.WriteLine($"Test ({xTest.Shape[0]} images): loss {F(test["loss"])}, acc {F(test["acc"])}; " +
                         $"{secondsPerEpoch:0} s per epoch on this machine");
        foreach (string png in HistoryPlots.Save(history, context.OutDir, Id, "loss", "acc"))
            output.WriteLine($"plot: {png}");
        string weights = context.OutPath(IsMnist ? WeightsFile : $"{Id}_fashion_cnn.safetensors");
        model.SaveWeights(weights);
        output.WriteLine($"weights: {weights}");
        if (IsMnist) context.Shared(SharedModelKey, () => model);

        var metrics = new Dictionary<string, double>
        {
            ["params"] = model.CountParams(),
            ["test_loss"] = test["loss"],
            ["test_acc"] = test["acc"],
            ["seconds_per_epoch"] = secondsPerEpoch,
        };
        for (int e = Math.Max(0, epochs - 5); e < epochs; e++) metrics[$"val_acc_epoch{e + 1}"] = history["val_acc"][e];
        return new ExperimentResult(data.Origin, metrics, epochs);
    }

    /// <summary>The homework's 2 × 5 grid of the first ten training images, each titled "Label: n".</summary>
    private static string SaveFirstTen(MnistData data, string path)
    {
        float[] pixels = data.TrainImages.Narrow(0, 0, 10).ToArray();
        var panels = Enumerable.Range(0, 10).Select(i => new ImagePanels.Panel($"Label: {data.TrainLabels[i]}",
            pixels[(i * MnistData.Pixels)..((i + 1) * MnistData.Pixels)], MnistData.Side, MnistData.Side)).ToList();
        return ImagePanels.Save(path, panels, columns: 5, scale: 4);
    }

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}

using DeepSeq.Data.DataSets;
using DeepSeq.Data.Formats;
using DeepSeq.Samples.CommandLine;

namespace DeepSeq.Samples.Data;

/// <summary>
/// MNIST as the book feeds it to a Dense network: each 28×28 image flattened to 784 pixels scaled to [0, 1]
/// (<c>reshape((60000, 28 * 28)).astype('float32') / 255</c>), with integer labels 0–9.
/// </summary>
/// <param name="TrainImages">(n, 784) float32 in [0, 1].</param>
/// <param name="TrainLabels">n labels 0–9.</param>
/// <param name="TestImages">(m, 784) float32 in [0, 1].</param>
/// <param name="TestLabels">m labels 0–9.</param>
/// <param name="Origin">Real or SYNTHETIC, and which file.</param>
public sealed record MnistData(Tensor<float> TrainImages, int[] TrainLabels, Tensor<float> TestImages, int[] TestLabels, DataOrigin Origin)
{
    /// <summary>Pixels per flattened image.</summary>
    public const int Pixels = Side * Side;

    /// <summary>Rows (and columns) of an image.</summary>
    public const int Side = 28;

    /// <summary>
    /// Loads MNIST (the four IDX files) when a data root holds it and <c>--synthetic</c> is not given, else the
    /// SYNTHETIC stand-in; keeps the first <paramref name="trainCount"/> train and <paramref name="testCount"/> test images.
    /// </summary>
    /// <param name="options">the run's options (<c>--data</c>, <c>--synthetic</c>)</param>
    /// <param name="trainCount">train images kept</param>
    /// <param name="testCount">test images kept</param>
    /// <param name="dataSet"><c>mnist</c>, or <c>fashion_mnist</c> (Zalando's drop-in replacement, in the same IDX
    /// format: Debian's <c>dataset-fashion-mnist</c> installs it)</param>
    public static MnistData Load(RunOptions options, int trainCount, int testCount, string dataSet = "mnist")
    {
        ArgumentNullException.ThrowIfNull(options);
        string label = dataSet == "mnist" ? "MNIST" : dataSet == "fashion_mnist" ? "Fashion-MNIST"
            : throw new ArgumentException($"mnist: '{dataSet}' is not an MNIST-format data set (mnist, fashion_mnist)");
        if (DataFiles.Find(dataSet, options, out string why) is not { } files)
        {
            var train = SyntheticMnist.Generate(trainCount, DataSets.SyntheticSeed);
            var test = SyntheticMnist.Generate(testCount, DataSets.SyntheticSeed + 1);
            return new MnistData(Scaled([.. train.Pixels.Select(b => (int)b)], train.Count), [.. train.Labels.Select(b => (int)b)],
                Scaled([.. test.Pixels.Select(b => (int)b)], test.Count), [.. test.Labels.Select(b => (int)b)],
                new DataOrigin(dataSet, true, null, $"{label}: SYNTHETIC stand-in ({why}): seven-segment digits, {train.Count} train / {test.Count} test, NOT real data"));
        }

        var (trainImages, trainLabels) = (ReadInts(files[0], trainCount), ReadInts(files[1], trainCount));
        var (testImages, testLabels) = (ReadInts(files[2], testCount), ReadInts(files[3], testCount));
        return new MnistData(Scaled(trainImages, trainLabels.Length), trainLabels, Scaled(testImages, testLabels.Length), testLabels,
            new DataOrigin(dataSet, false, files[0],
                $"{label}: real IDX files in {DataSetInfo.Show(Path.GetDirectoryName(files[0])!)}, {trainLabels.Length} train / {testLabels.Length} test images"));
    }

    /// <summary>
    /// Flattened (n, 784) images as the (n, 28, 28, 1) channels-last batch a Conv2D takes
    /// (<c>reshape((n, 28, 28, 1))</c>: the channel axis the homework adds); a view, no copy.
    /// </summary>
    public static Tensor<float> AsImages(Tensor<float> flat)
    {
        ArgumentNullException.ThrowIfNull(flat);
        return flat.Reshape(flat.Shape[0], Side, Side, 1);
    }

    /// <summary>The first <paramref name="count"/> records of an IDX file (images flattened), as ints.</summary>
    private static int[] ReadInts(string path, int count)
    {
        var array = IdxReader.Read(path).As<int>();
        int kept = Math.Min(count, array.Shape[0]);
        return array.Narrow(0, 0, kept).ToArray();
    }

    /// <summary>Pixels 0–255 as a (count, 784) float32 tensor divided by 255.</summary>
    private static Tensor<float> Scaled(int[] pixels, int count)
    {
        if (pixels.Length != count * Pixels)
            throw new InvalidDataException($"mnist: {pixels.Length} pixels for {count} images; expected {count} × {Pixels}");
        var data = new float[pixels.Length];
        for (int i = 0; i < data.Length; i++) data[i] = pixels[i] / 255f;
        return Tensor.Wrap(data, new Shape(count, Pixels));
    }
}

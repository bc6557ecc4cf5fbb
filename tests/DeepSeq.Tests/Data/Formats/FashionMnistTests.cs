using DeepSeq.Data.DataSets;
using DeepSeq.Data.Formats;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Formats;

/// <summary>
/// The real Fashion-MNIST files as Debian's <c>dataset-fashion-mnist</c> package installs them (gzipped IDX, the
/// names Zalando publishes). When the folder is absent the tests pass with a SKIPPED message: xunit 2 has no dynamic skip.
/// Cross-cutting, one installed data set seen by two source files: <c>src/Data/Formats/IdxReader.cs</c> reads it and
/// <c>src/Data/DataSets/DataSets.cs</c> finds its folder (for IdxReaderTests see <see cref="MnistTests"/>' remark).
/// </summary>
public sealed class FashionMnistTests(ITestOutputHelper output)
{
    private const string Folder = "/usr/share/datasets/fashion-mnist";

    private bool Missing()
    {
        if (Directory.Exists(Folder)) return false;
        output.WriteLine($"SKIPPED: {Folder} does not exist (apt-get install dataset-fashion-mnist), so the real-data test did not run.");
        return true;
    }

    [Fact]
    public void ReadsTheTrainImagesAndTestLabels()
    {
        if (Missing()) return;

        var images = IdxReader.Read(Path.Combine(Folder, "train-images-idx3-ubyte.gz"));
        Assert.Equal("|u1", images.DType);
        Assert.Equal([60000, 28, 28], images.Shape.ToArray());
        int[] pixels = images.As<int>().ToArray();
        Assert.InRange(pixels.Min(), 0, 255);
        Assert.InRange(pixels.Max(), 0, 255);

        var labels = IdxReader.Read(Path.Combine(Folder, "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal([10000], labels.Shape.ToArray());
        int[] values = labels.As<int>().ToArray();
        Assert.All(values, v => Assert.InRange(v, 0, 9));
        Assert.Equal(Enumerable.Range(0, 10), values.Distinct().Order());   // every one of the ten classes occurs
    }

    [Fact]
    public void DataSetsFindsTheDebianFolder()
    {
        if (Missing()) return;

        // No data root holds fashion_mnist (an empty temp folder as every root), so only the system folder can match.
        string empty = Directory.CreateTempSubdirectory("deepseq-fashion-").FullName;
        try
        {
            var roots = new SearchRoots(empty, null, empty, Path.Combine(empty, "cache"));
            DataSetInfo info = global::DeepSeq.Data.DataSets.DataSets.Resolve("fashion_mnist", roots, fallBackToSynthetic: false);
            output.WriteLine(info.ToString());
            Assert.Equal(DataSetSource.Real, info.Source);
            Assert.Equal(Folder, info.Path);
            Assert.DoesNotContain("UNREADABLE", info.Counts);
        }
        finally { Directory.Delete(empty, recursive: true); }
    }
}

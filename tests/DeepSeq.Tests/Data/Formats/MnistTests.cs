using System.Diagnostics;
using DeepSeq.Data.Formats;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Formats;

/// <summary>
/// The real MNIST files, read from <c>../shared/data/mnist</c> beside the repository (gzipped, as distributed).
/// When that folder is absent the test passes with a message saying so: xunit 2 has no dynamic skip.
/// Covers <c>src/Data/Formats/IdxReader.cs</c>; it stays out of <see cref="IdxReaderTests"/> because a class holding
/// FsCheck <c>[Property]</c> tests breaks <c>ITestOutputHelper</c> for its other tests (fscheck/FsCheck#692).
/// </summary>
public sealed class MnistTests(ITestOutputHelper output)
{
    [Fact]
    public void ReadsTheTrainImagesAndTestLabels()
    {
        if (SharedData.Find(output, "mnist") is not string folder) return;
        var clock = Stopwatch.StartNew();

        var images = IdxReader.Read(Path.Combine(folder, "train-images-idx3-ubyte.gz"));
        var labels = IdxReader.Read(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));

        Assert.Equal("|u1", images.DType);
        Assert.Equal([60000, 28, 28], images.Shape.ToArray());
        var pixels = images.As<int>().ToArray();
        Assert.InRange(pixels.Min(), 0, 0);
        Assert.InRange(pixels.Max(), 255, 255);

        Assert.Equal([10000], labels.Shape.ToArray());
        var counts = new int[10];
        foreach (int label in labels.As<int>().ToArray())
        {
            Assert.InRange(label, 0, 9);
            counts[label]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));   // every digit appears, roughly 1,000 times
        output.WriteLine($"read MNIST train images and test labels from {folder} in {clock.ElapsedMilliseconds} ms");
    }
}

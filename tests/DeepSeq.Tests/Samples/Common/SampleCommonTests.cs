using DeepSeq.Samples.Data;
using DeepSeq.Samples.Results;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace DeepSeq.Tests.Samples.Common;

/// <summary>The shared sample plumbing: results.json merging, the text table, and the vectorisers the book defines.</summary>
public sealed class SampleCommonTests
{
    private static ResultEntry Entry(string id, double acc)
        => new(id, $"title {id}", "synthetic", null, new Dictionary<string, double> { ["acc"] = acc }, 2, 0.5, "ref", true, 42);

    [Fact]
    public void MergeReplacesTheSameIdAndKeepsTheOthers()
    {
        string dir = Directory.CreateTempSubdirectory("deepseq-results-").FullName;
        try
        {
            string path = Path.Combine(dir, ResultsFile.FileName);
            ResultsFile.Merge(path, [Entry("A2", 0.5), Entry("A1", 0.1)]);
            ResultsFile.Merge(path, [Entry("A1", 0.9)]);

            var entries = ResultsFile.Read(path);
            Assert.Equal(["A1", "A2"], entries.Select(e => e.Id));
            Assert.Equal(0.9, entries[0].Metrics["acc"]);
            Assert.Equal(0.5, entries[1].Metrics["acc"]);
            Assert.False(File.Exists(path + ".tmp"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void AResultsFileThatIsNotJsonIsNamedInTheError()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{ not json");
            var e = Assert.Throws<InvalidDataException>(() => ResultsFile.Read(path));
            Assert.StartsWith(path, e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void TableAlignsTextLeftAndNumbersRight()
    {
        var table = new TextTable("variant", "acc");
        table.Add("long variant name", "0.5");
        table.Add("x", "0.8850");
        var output = new StringWriter();
        table.Write(output);
        Assert.Equal(["variant               acc", "-----------------  ------", "long variant name     0.5", "x                  0.8850"],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Throws<ArgumentException>(() => table.Add("one cell"));
    }

    [Property(MaxTest = 50)]
    public Property MultiHotMarksExactlyTheIndicesOfEachSequence(PositiveInt dimension, int[][] raw)
    {
        int d = Math.Min(dimension.Get, 50);
        int[][] sequences = [.. (raw ?? []).Select(s => (s ?? []).Select(v => (int)((uint)v % (uint)d)).ToArray())];
        float[] x = Vectorize.MultiHot(sequences, d).ToArray();
        bool ok = x.Length == sequences.Length * d;
        for (int i = 0; ok && i < sequences.Length; i++)
            for (int j = 0; j < d; j++)
                ok &= x[i * d + j] == (sequences[i].Contains(j) ? 1f : 0f);
        return ok.ToProperty();
    }

    [Fact]
    public void VectorisersRefuseIndicesOutsideTheirRange()
    {
        var multiHot = Assert.Throws<ArgumentOutOfRangeException>(() => Vectorize.MultiHot([[1, 2], [3, 10]], 10));
        Assert.Contains("sequence 1 holds index 10, outside [0, 10)", multiHot.Message);
        var oneHot = Assert.Throws<ArgumentOutOfRangeException>(() => Vectorize.OneHot([0, -1], 10));
        Assert.Contains("label 1 is -1", oneHot.Message);
    }

    [Fact]
    public void OneHotAndColumnHaveTheBookShapes()
    {
        var y = Vectorize.OneHot([2, 0], 3);
        Assert.Equal(new Shape(2, 3), y.Shape);
        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f], y.ToArray());
        var column = Vectorize.Column([1, 0, 1]);
        Assert.Equal(new Shape(3, 1), column.Shape);
        Assert.Equal([1f, 0f, 1f], column.ToArray());
    }
}

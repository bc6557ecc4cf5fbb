using DeepSeq.Data.WordVectors;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.WordVectors;

/// <summary>
/// The partial GloVe 6B 100d file in <c>../shared/data/glove</c> beside the repository. Expected numbers from its
/// SOURCE.md (2,717 lines of a word and 100 floats, in frequency order: the , . of …) and from its first line.
/// When the file is absent the test passes with a message saying so: xunit 2 has no dynamic skip.
/// </summary>
public sealed class GloVeRealFileTests(ITestOutputHelper output)
{
    [Fact]
    public void TheFirst2717WordsOfGlove6B100d()
    {
        if (SharedData.Find(output, "glove", "glove.6B.100d.first2717.txt") is not string path) return;

        var records = GloVe.Read(path).ToList();

        Assert.Equal(2_717, records.Count);
        Assert.All(records, r => Assert.Equal(100, r.Vector.Length));
        Assert.Equal(["the", ",", ".", "of", "to"], records.Take(5).Select(r => r.Word));
        var the = records.Single(r => r.Word == "the").Vector;
        Assert.Equal([-0.038194f, -0.24487f, 0.72812f], the[..3]);   // the first line's first three values

        var m = GloVe.LoadMatrix(path, new Dictionary<string, int> { ["the"] = 1, ["of"] = 2, ["qwxzyv"] = 3 }, 4, 100);
        var rows = m.ToArray();
        Assert.Equal(the, rows[100..200]);
        Assert.Equal(records[3].Vector, rows[200..300]);
        Assert.All(rows[300..400], v => Assert.Equal(0f, v));
        output.WriteLine($"read {path}: {records.Count} words of dimension {records[0].Vector.Length}");
    }
}

using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.DataSets;

// Inside this namespace the bare name DataSets would mean the test namespace itself; a using placed here (after the
// namespace line) is searched before the enclosing namespaces, so DataSets below is the registry class.
using DeepSeq.Data.DataSets;

/// <summary>
/// Resolution over temp folders, the fall-back to synthetic stand-ins, and the <c>list</c> lines for the real
/// ../shared data.
/// </summary>
public sealed class DataSetsTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("deepseq-datasets-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>Roots with nothing real in them: no DeepSeq.sln above the temp folder, an empty cache, no system folders.</summary>
    private SearchRoots Roots(string? explicitRoot = null, string? environment = null)
        => new(explicitRoot, environment, _temp, Path.Combine(_temp, "cache"), UseSystemFolders: false);

    private string WriteFile(string root, string relative, string text)
    {
        string path = Path.Combine(_temp, root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ExplicitFolderWinsOverEnvironmentAndCache()
    {
        WriteFile("explicit", "text_emotion/text_emotion.csv", "tweet_id,sentiment,author,content\n1,worry,a,x\n2,love,b,y\n");
        WriteFile("env", "text_emotion/text_emotion.csv", "tweet_id,sentiment,author,content\n1,worry,a,x\n");
        WriteFile("cache", "text_emotion/text_emotion.csv", "tweet_id,sentiment,author,content\n");

        var info = DataSets.Resolve("text_emotion", Roots(Path.Combine(_temp, "explicit"), Path.Combine(_temp, "env")));

        Assert.Equal(DataSetSource.Real, info.Source);
        Assert.Equal(Path.Combine(_temp, "explicit", "text_emotion"), info.Path);
        Assert.Equal("rows 2", info.Counts);
        Assert.False(info.IsSynthetic);
    }

    [Fact]
    public void CacheIsReportedAsCache()
    {
        WriteFile("cache", "hate_speech/labeled_data.csv", ",count,hate_speech,offensive_language,neither,class,tweet\n0,3,0,0,3,2,hi\n");

        var info = DataSets.Resolve("hate_speech", Roots());

        Assert.Equal(DataSetSource.Cache, info.Source);
        Assert.Equal("rows 1", info.Counts);
        Assert.StartsWith("hate_speech: cache ", info.ToString());
    }

    [Fact]
    public void AllFilesMustBeUnderOneRoot()
    {
        WriteFile("explicit", "stocks/GOOG.csv", "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,1,1,1,1,1\n");

        var info = DataSets.Resolve("stocks", Roots(Path.Combine(_temp, "explicit")));

        // AAPL.csv is absent, and stocks has a verified download: missing, never a stand-in.
        Assert.Equal(DataSetSource.Missing, info.Source);
        Assert.Contains("download available", info.Detail);
    }

    [Fact]
    public void FindFilesLocatesWithoutReading()
    {
        // Not a valid CSV: Resolve would count it as unreadable; FindFiles only looks for the file.
        string path = WriteFile("explicit", "text_emotion/text_emotion.csv", "\"unterminated");

        var found = DataSets.FindFiles("text_emotion", Roots(Path.Combine(_temp, "explicit")), out var source, out _);
        var missing = DataSets.FindFiles("hate_speech", Roots(Path.Combine(_temp, "explicit")), out var missingSource, out string searched);

        Assert.Equal([path], found!);
        Assert.Equal(DataSetSource.Real, source);
        Assert.Null(missing);
        Assert.Equal(DataSetSource.Missing, missingSource);
        Assert.Contains("explicit", searched);
    }

    [Theory]
    [InlineData("imdb")]
    [InlineData("jena_climate")]
    public void MissingWithoutDownloadFallsBackToAFlaggedStandIn(string name)
    {
        var info = DataSets.Resolve(name, Roots(Path.Combine(_temp, "nothing-here")));

        Assert.Equal(DataSetSource.Synthetic, info.Source);
        Assert.True(info.IsSynthetic);
        Assert.Null(info.Path);
        Assert.Contains("no download available", info.Detail);
        Assert.StartsWith($"{name}: SYNTHETIC stand-in, not real data", info.ToString());
    }

    [Fact]
    public void MissingWithoutStandInStaysMissing()
    {
        var info = DataSets.Resolve("reuters", Roots());

        Assert.Equal(DataSetSource.Missing, info.Source);
        Assert.Equal("reuters: missing (not in the cache; no download available)", info.ToString());
    }

    [Fact]
    public void SyntheticOnRequestEvenWhenRealFilesExist()
    {
        WriteFile("explicit", "jena_climate/jena_climate_2009_2016.csv", "whatever");

        var info = DataSets.Resolve("jena_climate", Roots(Path.Combine(_temp, "explicit")), synthetic: true);

        Assert.True(info.IsSynthetic);
        Assert.Equal($"rows {6 * 24 * 365}", info.Counts);
        Assert.Contains("SYNTHETIC", info.ToString());
    }

    [Fact]
    public void ListShowsMissingAndStandInWithoutMakingIt()
    {
        string[] lines = [.. DataSets.ListLines(Roots())];

        Assert.Equal(DataSets.All.Count, lines.Length);
        Assert.Contains("jena_climate: missing (not in the cache; no download available) — synthetic stand-in available", lines);
        Assert.Contains("mnist: missing (not in the cache; download available: DataSets.DownloadAsync(\"mnist\")) — synthetic stand-in available", lines);
        Assert.DoesNotContain(lines, l => l.Contains("SYNTHETIC"));
    }

    [Fact]
    public void UnknownNameListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => DataSets.Resolve("cifar10", Roots()));
        Assert.Contains("imdb", e.Message);
    }

    [Fact]
    public void ListLinesForTheRealSharedData()
    {
        string? shared = DeepSeq.Data.Download.DataRoot.SharedRoot(AppContext.BaseDirectory);
        if (shared is null || !Directory.Exists(shared))
        {
            output.WriteLine($"SKIPPED: {shared ?? "../shared/data (no DeepSeq.sln found above " + AppContext.BaseDirectory + ")"} not found, so the real-data test did not run.");
            return;
        }
        var clock = Stopwatch.StartNew();
        // Only the shared folder (and the empty temp cache): a user's DEEPSEQ_DATA or cache must not change the lines.
        var roots = new SearchRoots(null, null, AppContext.BaseDirectory, Path.Combine(_temp, "cache"), UseSystemFolders: false);
        var lines = DataSets.ListLines(roots).ToDictionary(l => l[..l.IndexOf(':')]);
        output.WriteLine(string.Join('\n', lines.Values) + $"\n({clock.Elapsed.TotalSeconds:F1} s)");

        void Expect(string name, string counts)
        {
            string folder = Path.Combine(shared, name);
            if (!Directory.Exists(folder)) { output.WriteLine($"SKIPPED {name}: {folder} absent"); return; }
            Assert.StartsWith($"{name}: real ", lines[name]);
            Assert.EndsWith(", " + counts, lines[name]);
        }
        Expect("imdb", "train 25000, test 25000");
        Expect("mnist", "train 60000, test 10000");
        Expect("reuters", "ModApte train 7770, test 3019");
        Expect("text_emotion", "rows 40000");
        Expect("hate_speech", "rows 24783");
        Expect("beijing_pm25", "rows 43824");
        Expect("glove", "words 2717, dim 100");
        Expect("stocks", "GOOG rows 4109, AAPL rows 10087");
        Expect("textgen_corpus", "tinyshakespeare_input chars 1115394, nietzsche chars 600893");
        if (!Directory.Exists(Path.Combine(shared, "jena_climate")))
            Assert.EndsWith("no download available) — synthetic stand-in available", lines["jena_climate"]);
    }
}

using System.Diagnostics;
using DeepSeq.Data.Imdb;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Imdb;

/// <summary>
/// Loads the real archive once for <see cref="ImdbReviewsTests"/> and <see cref="ImdbWordIndexTests"/> together (a
/// collection fixture: the two classes share one load and do not run at the same time), or records why it could not.
/// </summary>
public sealed class ImdbRealData
{
    /// <summary>The xunit collection of the classes that read the real archive.</summary>
    public const string Collection = "imdb real data";

    public ImdbRealData()
    {
        string? root = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DeepSeq.sln"))) { root = dir.FullName; break; }
        Folder = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "imdb"));
        string? archive = Folder is null ? null : Path.Combine(Folder, "aclImdb_labeled.tar.gz");
        if (archive is null || !File.Exists(archive)) return;
        var clock = Stopwatch.StartNew();
        Splits = ImdbReviews.Load(archive);
        LoadMilliseconds = clock.ElapsedMilliseconds;
        string json = Path.Combine(Folder!, "imdb_word_index.json");
        if (File.Exists(json)) WordIndex = ImdbWordIndex.Load(json);
        WordIndexMilliseconds = clock.ElapsedMilliseconds - LoadMilliseconds;
    }

    public string? Folder { get; }
    public (ImdbSplit Train, ImdbSplit Test)? Splits { get; }
    public ImdbWordIndex? WordIndex { get; }
    public long LoadMilliseconds { get; }
    public long WordIndexMilliseconds { get; }

    /// <summary>True, after writing a SKIPPED line to <paramref name="output"/>, when the archive is absent.</summary>
    public bool Skipped(ITestOutputHelper output)
    {
        if (Splits is not null) return false;
        output.WriteLine($"SKIPPED: {Folder ?? "(no DeepSeq.sln above " + AppContext.BaseDirectory + ")"}/aclImdb_labeled.tar.gz not found, so the real-data test did not run.");
        return true;
    }
}

/// <summary>Declares <see cref="ImdbRealData.Collection"/>, whose classes share one <see cref="ImdbRealData"/>.</summary>
[CollectionDefinition(ImdbRealData.Collection)]
public sealed class ImdbRealDataCollection : ICollectionFixture<ImdbRealData> { }

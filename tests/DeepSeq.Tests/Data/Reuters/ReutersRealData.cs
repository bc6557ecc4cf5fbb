using System.Diagnostics;
using DeepSeq.Data.Reuters;

namespace DeepSeq.Tests.Data.Reuters;

/// <summary>
/// Loads the real <c>shared/data/reuters/reuters21578.tar.gz</c> once for <see cref="ReutersCorpusTests"/>;
/// <see cref="All"/> and <see cref="Corpus"/> stay null when the file is absent.
/// </summary>
public sealed class ReutersRealData
{
    public ReutersRealData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "DeepSeq.sln"))) continue;
            Path_ = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data", "reuters", "reuters21578.tar.gz"));
            break;
        }
        if (Path_ is null || !File.Exists(Path_)) return;
        var clock = Stopwatch.StartNew();
        All = Reuters21578.Load(Path_);
        Corpus = ReutersCorpus.ModApte(All);
        LoadTime = clock.Elapsed;
    }

    public string? Path_ { get; }
    public List<ReutersDocument>? All { get; }
    public ReutersCorpus? Corpus { get; }
    public TimeSpan LoadTime { get; }
}

using DeepSeq.Data.Reuters;
using Xunit;
using Xunit.Abstractions;
using static DeepSeq.Tests.Data.Reuters.ReutersSamples;

namespace DeepSeq.Tests.Data.Reuters;

/// <summary>
/// <see cref="ReutersCorpus"/>'s ModApte split and NLTK naming on tiny synthetic SGML, then on the real file: counts
/// against NLTK's reuters corpus. Without the real file those tests pass with a "SKIPPED" message.
/// </summary>
public sealed class ReutersCorpusTests(ReutersRealData data, ITestOutputHelper output) : IClassFixture<ReutersRealData>
{
    private bool Skipped()
    {
        if (data.Corpus is not null) return false;
        output.WriteLine($"SKIPPED: {data.Path_ ?? "(no DeepSeq.sln above " + AppContext.BaseDirectory + ")"} not found, so the real-data test did not run.");
        return true;
    }

    [Fact]
    public void CorpusFollowsModApteRulesAndNltkNaming()
    {
        var bytes = TarGz(("reuters21578/README.txt", "x"), ("reuters21578/reut2-000.sgm", Sgml));
        var corpus = ReutersCorpus.ModApte(Reuters21578.Load(new MemoryStream(bytes), "tiny.tar.gz"));
        // gold occurs only in test, so it is no category; the TOPICS="NO" document is out.
        Assert.Equal(["test/20", "test/3", "training/1"], corpus.FileIds());
        Assert.Equal(["cocoa", "crude"], corpus.Categories());
        Assert.Equal(["cocoa"], corpus.Categories("test/3"));
        Assert.Equal(["test/20", "training/1"], corpus.FileIds("crude"));
        Assert.Equal("BAHIA & COCOA <REVIEW>\nShowers continued, U.S. 1.5 pct.\n Reuter", corpus.Raw("training/1"));
        Assert.Equal("OIL UP", corpus.Raw("test/20"));
        Assert.Equal("CORRECTION - COCOA ITEM", corpus.Raw("test/3"));
        Assert.Equal(["BAHIA", "&", "COCOA", "<", "REVIEW", ">", "Showers", "continued", ",", "U", ".", "S", ".", "1", ".", "5", "pct", ".", "Reuter"],
                     corpus.Words("training/1"));
        Assert.Throws<KeyNotFoundException>(() => corpus.Raw("training/4"));
    }

    [Fact]
    public void CollectionAndModApteCounts()
    {
        if (Skipped()) return;
        output.WriteLine($"loaded in {data.LoadTime.TotalSeconds:F2} s");
        var all = data.All!;
        Assert.Equal(21_578, all.Count);
        Assert.Equal(Enumerable.Range(1, 21_578), all.Select(d => d.NewId).Order());
        Assert.Equal(9_603, all.Count(d => d.HasTopics && d.LewisSplit == "TRAIN"));
        Assert.Equal(3_299, all.Count(d => d.HasTopics && d.LewisSplit == "TEST"));
        Assert.Equal(634, all.Count(d => d.Topics.Contains("crude")));
        var corpus = data.Corpus!;
        Assert.Equal(90, corpus.Categories().Count);
        Assert.Equal(3_019, corpus.FileIds().Count(id => id.StartsWith("test/", StringComparison.Ordinal)));
        // NLTK has 7,769: one training document more here (see ReutersCorpus remarks).
        Assert.Equal(7_770, corpus.FileIds().Count(id => id.StartsWith("training/", StringComparison.Ordinal)));
    }

    [Fact]
    public void CrudeMatchesNltk()
    {
        if (Skipped()) return;
        var crude = data.Corpus!.FileIds("crude");
        Assert.Equal(578, crude.Count);
        Assert.Equal(crude.Order(StringComparer.Ordinal), crude);
        Assert.StartsWith("test/", crude[0]);
        Assert.StartsWith("training/", crude[^1]);
        output.WriteLine("first crude ids: " + string.Join(", ", crude.Take(5)));
    }

    [Fact]
    public void NltkBookExample()
    {
        if (Skipped()) return;
        var corpus = data.Corpus!;
        Assert.Equal("test/14826", corpus.FileIds()[0]);
        Assert.Equal(["barley", "corn", "grain", "wheat"], corpus.Categories("training/9865"));
        Assert.Equal(["FRENCH", "FREE", "MARKET", "CEREAL", "EXPORT", "BIDS", "DETAILED", "French", "operators", "have", "requested", "licences", "to", "export"],
                     corpus.Words("training/9865").Take(14));
        Assert.Equal(["test/15618", "test/15649", "test/15676", "test/15728", "test/15871"], corpus.FileIds("barley").Take(5));
    }
}

using System.Diagnostics;
using System.Text;
using DeepSeq.Data.Reuters;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Reuters;

/// <summary><see cref="ReutersSgml"/>, <see cref="Reuters21578"/> and <see cref="ReutersCorpus"/> on tiny synthetic SGML.</summary>
public sealed class ReutersTests
{
    private const string Sgml = """
        <!DOCTYPE lewis SYSTEM "lewis.dtd">
        <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
        <DATE>26-FEB-1987 15:01:01.79</DATE>
        <TOPICS><D>cocoa</D><D>crude</D></TOPICS>
        <TEXT>&#2;
        <TITLE>BAHIA &amp; COCOA &lt;REVIEW></TITLE>
        <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued, U.S. 1.5 pct.
         Reuter
        &#3;</BODY></TEXT>
        </REUTERS>
        <REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="PUBLISHED-TESTSET" OLDID="1" NEWID="20">
        <TOPICS><D>crude</D></TOPICS>
        <TEXT TYPE="BRIEF">&#2;
        <TITLE>OIL UP</TITLE>
        &#3;</TEXT>
        </REUTERS>
        <REUTERS TOPICS="YES" LEWISSPLIT="TEST" CGISPLIT="PUBLISHED-TESTSET" OLDID="2" NEWID="3">
        <TOPICS><D>cocoa</D><D>gold</D></TOPICS>
        <TEXT TYPE="UNPROC">&#2;
        CORRECTION - COCOA ITEM
        &#3;</TEXT>
        </REUTERS>
        <REUTERS TOPICS="NO" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="3" NEWID="4">
        <TOPICS></TOPICS><TEXT><TITLE>NO TOPICS</TITLE></TEXT>
        </REUTERS>
        """;

    internal static byte[] TarGz(params (string Path, string Text)[] members) => TestArchives.TarGz(Encoding.Latin1, members);   // the SGML files are Latin-1

    [Fact]
    public void ParsesAttributesTopicsAndDecodesEntities()
    {
        var docs = ReutersSgml.Parse(Sgml, "tiny.sgm");
        Assert.Equal([1, 20, 3, 4], docs.Select(d => d.NewId));
        var first = docs[0];
        Assert.Equal((5544, "TRAIN", "TRAINING-SET", true), (first.OldId, first.LewisSplit, first.CgiSplit, first.HasTopics));
        Assert.Equal(["cocoa", "crude"], first.Topics);
        Assert.Equal("BAHIA & COCOA <REVIEW>", first.Title);
        Assert.Equal("    SALVADOR, Feb 26 - ", first.Dateline);
        Assert.Equal("26-FEB-1987 15:01:01.79", first.Date);
        Assert.EndsWith("Reuter\n\u0003", first.Body);
        Assert.Equal(2, first.Line);
        Assert.Null(docs[1].Body);                       // a brief: title only
        Assert.Equal("BRIEF", docs[1].TextType);
        Assert.Equal("UNPROC", docs[2].TextType);
        Assert.Equal("\u0002\nCORRECTION - COCOA ITEM\n\u0003", docs[2].UnmarkedText);
        Assert.False(docs[3].HasTopics);
        Assert.Empty(docs[3].Topics);
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

    [Theory]
    [InlineData("<REUTERS NEWID=\"1\" OLDID=\"1\">\n<TEXT>\n<BODY>never closed\n</TEXT>\n</REUTERS>\n", 4, "<BODY> (opened on line 3)")]
    [InlineData("<REUTERS NEWID=\"1\" OLDID=\"1\">\n<TEXT>\n", 2, "<TEXT> is never closed")]
    [InlineData("<REUTERS NEWID=\"1\" OLDID=\"1\">\n</TEXT>\n", 2, "</TEXT>")]
    [InlineData("\n<REUTERS NEWID=\"1\" OLDID=\"1\"\n", 2, "no closing '>'")]
    [InlineData("<REUTERS OLDID=\"1\">\n</REUTERS>", 1, "no NEWID")]
    [InlineData("<TITLE>x</TITLE>", 1, "outside any <REUTERS>")]
    public void MalformedSgmlNamesFileAndLine(string text, int line, string fragment)
    {
        var e = Assert.Throws<InvalidDataException>(() => ReutersSgml.Parse(text, "bad.sgm"));
        Assert.StartsWith($"bad.sgm:{line}: ", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void ArchiveErrorsNameTheArchive()
    {
        var bytes = TarGz(("reut2-000.sgm", Sgml + "\n" + new string('x', 20_000)));
        var e = Assert.Throws<InvalidDataException>(() => Reuters21578.Load(new MemoryStream(bytes[..(bytes.Length / 2)]), "cut.tar.gz"));
        Assert.StartsWith("cut.tar.gz: ", e.Message);
        e = Assert.Throws<InvalidDataException>(() => Reuters21578.Load(new MemoryStream(TarGz(("README.txt", "x"))), "none.tar.gz"));
        Assert.Contains("no reut2-NNN.sgm", e.Message);
        e = Assert.Throws<InvalidDataException>(() => Reuters21578.Load(new MemoryStream(TarGz(("reut2-000.sgm", Sgml), ("reut2-001.sgm", Sgml))), "dup.tar.gz"));
        Assert.StartsWith("dup.tar.gz/reut2-001.sgm:2: NEWID 1", e.Message);
        e = Assert.Throws<InvalidDataException>(() => Reuters21578.Load(new MemoryStream(TarGz(("reut2-000.sgm", "<REUTERS NEWID=\"1\" OLDID=\"1\">"))), "open.tar.gz"));
        Assert.StartsWith("open.tar.gz/reut2-000.sgm:1: <REUTERS> is never closed", e.Message);
    }
}

/// <summary>Loads the real <c>shared/data/reuters/reuters21578.tar.gz</c> once for <see cref="ReutersRealDataTests"/>.</summary>
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

/// <summary>The real file: counts against NLTK's reuters corpus. Without the file each test passes with a "SKIPPED" message.</summary>
public sealed class ReutersRealDataTests(ReutersRealData data, ITestOutputHelper output) : IClassFixture<ReutersRealData>
{
    private bool Skipped()
    {
        if (data.Corpus is not null) return false;
        output.WriteLine($"SKIPPED: {data.Path_ ?? "(no DeepSeq.sln above " + AppContext.BaseDirectory + ")"} not found, so the real-data test did not run.");
        return true;
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

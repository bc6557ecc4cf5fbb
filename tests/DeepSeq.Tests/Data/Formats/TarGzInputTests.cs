using DeepSeq.Data;
using DeepSeq.Data.Imdb;
using DeepSeq.Data.Reuters;
using DeepSeq.Tests.Data.Reuters;
using Xunit;

namespace DeepSeq.Tests.Data.Formats;

/// <summary>
/// The tar.gz checks of <c>src/Data/Formats/TarGzInput.cs</c> (internal), through the two loaders built on it,
/// <see cref="ImdbReviews"/> and <see cref="Reuters21578"/>.
/// </summary>
public sealed class TarGzInputTests
{
    /// <summary>Each loader's smallest valid archive, the member that is made sparse, and the load.</summary>
    public static TheoryData<string, string, string> Loaders() => new()
    {
        { "imdb", "aclImdb/train/pos/0_9.txt", "aclImdb/test/neg/0_1.txt" },
        { "reuters", "reuters21578/reut2-000.sgm", "reuters21578/reut2-001.sgm" },
    };

    private static object Load(string loader, byte[] archive) => loader == "imdb"
        ? ImdbReviews.Load(new MemoryStream(archive), "data.tar.gz")
        : Reuters21578.Load(new MemoryStream(archive), "data.tar.gz");

    /// <summary>
    /// Issue 15: a GNU sparse member gave a bare NotSupportedException naming neither the archive nor the member.
    /// The error must name both, and the member must be the sparse one (the one after it is never reached).
    /// </summary>
    [Theory]
    [MemberData(nameof(Loaders))]
    public void SparseTarMemberNamesArchiveAndMember(string loader, string sparse, string after)
    {
        byte[] archive = TestArchives.TarGzWithSparseMember(sparse, (sparse, Text(loader)), (after, Text(loader)));
        var e = Assert.Throws<DataFormatException>(() => Load(loader, archive));
        Assert.True(e.Path == "data.tar.gz" && e.Position == $"member {sparse}", e.Message);
        Assert.StartsWith("a GNU sparse file", e.Reason);
    }

    private static string Text(string loader) => loader == "imdb" ? "a review" : ReutersSamples.Sgml;
}

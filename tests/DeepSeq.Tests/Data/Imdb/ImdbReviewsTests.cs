using DeepSeq.Data;
using System.Diagnostics;
using System.Text;
using DeepSeq.Data.Imdb;
using Xunit;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Imdb;

/// <summary>
/// <see cref="ImdbReviews"/> on tiny archives built with <see cref="TestArchives.TarGz"/>: order, labels, errors; then
/// the real archive from <c>../shared/data/imdb</c> beside the repository. When absent that test passes with a
/// "SKIPPED" message: xunit 2 has no dynamic skip.
/// </summary>
[Collection(ImdbRealData.Collection)]
public sealed class ImdbReviewsTests(ImdbRealData data, ITestOutputHelper output)
{
    private bool Skipped() => data.Skipped(output);

    /// <summary>A .tar.gz holding <paramref name="members"/> (path, text), in the order given.</summary>
    internal static byte[] TarGz(params (string Path, string Text)[] members) => TestArchives.TarGz(Encoding.UTF8, members);   // reviews are UTF-8

    // Deliberately out of order, with README and url files, and ids whose text order differs from numeric order.
    private static readonly (string, string)[] Tiny =
    [
        ("aclImdb/README", "read me"),
        ("aclImdb/test/pos/10_8.txt", "test pos ten"),
        ("aclImdb/train/pos/2_9.txt", "train pos two"),
        ("aclImdb/train/neg/10_1.txt", "train neg ten<br /><br />second line"),
        ("aclImdb/train/neg/9_4.txt", "train neg nine"),
        ("aclImdb/train/urls_pos.txt", "http://example"),
        ("aclImdb/test/neg/0_2.txt", "test neg zero"),
        ("aclImdb/train/pos/1_10.txt", "train pos one, café"),
        ("aclImdb/test/pos/9_7.txt", "test pos nine"),
    ];

    private static (ImdbSplit Train, ImdbSplit Test) Load(byte[] bytes, string name = "tiny.tar.gz") => ImdbReviews.Load(new MemoryStream(bytes), name);

    [Fact]
    public void SortsNegThenPosByNumericIdAndLabelsByFolder()
    {
        var (train, test) = Load(TarGz(Tiny));

        Assert.Equal(["aclImdb/train/neg/9_4.txt", "aclImdb/train/neg/10_1.txt", "aclImdb/train/pos/1_10.txt", "aclImdb/train/pos/2_9.txt"], train.Paths);
        Assert.Equal(["train neg nine", "train neg ten<br /><br />second line", "train pos one, café", "train pos two"], train.Texts);
        Assert.Equal([0, 0, 1, 1], train.Labels);
        Assert.Equal([4, 1, 10, 9], train.Ratings);
        Assert.Equal(["test neg zero", "test pos nine", "test pos ten"], test.Texts);
        Assert.Equal([0, 1, 1], test.Labels);
        Assert.Equal(3, test.Count);
    }

    [Fact]
    public void OrderDoesNotDependOnArchiveOrder()
    {
        var forward = Load(TarGz(Tiny));
        var reversed = Load(TarGz([.. Tiny.Reverse()]));
        Assert.Equal(forward.Train.Paths, reversed.Train.Paths);
        Assert.Equal(forward.Test.Texts, reversed.Test.Texts);
    }

    [Fact]
    public void TruncatedTarGzIsRefusedNamingTheArchive()
    {
        // Enough reviews that the compressed stream is long, then cut at several points.
        var members = Enumerable.Range(0, 200).SelectMany(i => new[]
        {
            ($"aclImdb/train/pos/{i}_9.txt", $"review {i} " + new string((char)('a' + i % 26), 300 + i)),
            ($"aclImdb/train/neg/{i}_1.txt", $"bad {i}"), ($"aclImdb/test/pos/{i}_8.txt", $"good {i}"), ($"aclImdb/test/neg/{i}_2.txt", $"meh {i}"),
        }).ToArray();
        var bytes = TarGz(members);
        Assert.Equal(200, Load(bytes).Train.Count / 2);
        foreach (double fraction in new[] { 0.1, 0.5, 0.9, 0.999 })
        {
            var cut = bytes[..(int)(bytes.Length * fraction)];
            var e = Assert.Throws<DataFormatException>(() => Load(cut, "cut.tar.gz"));
            Assert.StartsWith("cut.tar.gz: ", e.Message);
        }
    }

    /// <summary>Issue 15: a review that is not UTF-8 ("café" in Latin-1) was read with U+FFFD in it. Strict (the
    /// default) refuses it naming the archive, the member, the line and the byte.</summary>
    [Fact]
    public void InvalidUtf8InImdbReviewIsRefused()
    {
        var e = Assert.Throws<DataFormatException>(() => Load(TestArchives.TarGz(Encoding.Latin1, Tiny)));
        Assert.Equal(("tiny.tar.gz!aclImdb/train/pos/1_10.txt", "line 1, byte 18"), (e.Path, e.Position));
        Assert.StartsWith("invalid UTF-8 (bytes E9)", e.Reason);
    }

    /// <summary>The lenient option keeps the old replacement and reports it.</summary>
    [Fact]
    public void LenientUtf8InImdbReviewIsReplacedAndCounted()
    {
        var utf8 = Utf8Decoding.Lenient();
        var (train, _) = ImdbReviews.Load(new MemoryStream(TestArchives.TarGz(Encoding.Latin1, Tiny)), "tiny.tar.gz", utf8);
        Assert.Contains("train pos one, caf\uFFFD", train.Texts);
        Assert.Equal(1, utf8.Replacements);
        Assert.Equal("tiny.tar.gz!aclImdb/train/pos/1_10.txt: line 1, byte 18", utf8.FirstReplacement);
    }

    [Fact]
    public void CorruptOrNonGzipBytesAreRefusedNamingTheFile()
    {
        var bytes = TarGz(Tiny);
        var corrupt = (byte[])bytes.Clone();
        for (int i = 20; i < corrupt.Length - 8; i += 7) corrupt[i] ^= 0x5A;
        Assert.StartsWith("bad.tar.gz: ", Assert.Throws<DataFormatException>(() => Load(corrupt, "bad.tar.gz")).Message);
        Assert.Contains("not a gzip file", Assert.Throws<DataFormatException>(() => Load(Encoding.ASCII.GetBytes("plain text, not a tarball"), "x.txt")).Message);
        Assert.Contains("not a gzip file", Assert.Throws<DataFormatException>(() => Load([], "empty.tar.gz")).Message);
    }

    [Fact]
    public void MissingSplitOrWrongMemberPathsNameTheMissingFolder()
    {
        var noTest = Tiny.Where(m => !m.Item1.StartsWith("aclImdb/test/neg/", StringComparison.Ordinal)).ToArray();
        var e = Assert.Throws<DataFormatException>(() => Load(TarGz(noTest)));
        Assert.StartsWith("tiny.tar.gz: folder aclImdb/test/neg/: no reviews there", e.Message);

        var renamed = Tiny.Select(m => (m.Item1.Replace("aclImdb/", "imdb/"), m.Item2)).ToArray();
        e = Assert.Throws<DataFormatException>(() => Load(TarGz(renamed)));
        Assert.Contains("folder aclImdb/train/neg/: no reviews there", e.Message);
        Assert.Contains("imdb/README", e.Message);   // shows what the archive holds instead
    }

    [Fact]
    public void BadReviewFileNameOrDuplicateIdIsRefused()
    {
        var e = Assert.Throws<DataFormatException>(() => Load(TarGz([.. Tiny, ("aclImdb/train/pos/review.txt", "x")])));
        Assert.Contains("member aclImdb/train/pos/review.txt: the review file is not named <id>_<rating>.txt", e.Message);
        e = Assert.Throws<DataFormatException>(() => Load(TarGz([.. Tiny, ("aclImdb/train/pos/2_7.txt", "x")])));
        Assert.Contains("a second review with id 2", e.Message);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
        => Assert.Throws<FileNotFoundException>(() => ImdbReviews.Load(Path.Combine(Path.GetTempPath(), "no-such-imdb-" + Guid.NewGuid() + ".tar.gz")));

    [Fact]
    public void Has25000TrainAnd25000TestReviewsHalfPositive()
    {
        if (Skipped()) return;
        var (train, test) = data.Splits!.Value;
        foreach (var split in new[] { train, test })
        {
            Assert.Equal(25000, split.Count);
            Assert.Equal(12500, split.Labels.Count(l => l == 1));
            Assert.Equal(12500, split.Labels.Count(l => l == 0));
            Assert.All(split.Texts, t => Assert.False(string.IsNullOrWhiteSpace(t)));
            for (int i = 0; i < split.Count; i++)   // SOURCE.md: neg ratings 1–4, pos 7–10
                Assert.InRange(split.Ratings[i], split.Labels[i] == 1 ? 7 : 1, split.Labels[i] == 1 ? 10 : 4);
        }
        Assert.Equal("aclImdb/train/neg/0_3.txt", train.Paths[0]);
        Assert.Equal("aclImdb/test/pos/12499_10.txt", test.Paths[^1]);
        output.WriteLine($"loaded 50,000 reviews in {data.LoadMilliseconds} ms, word index in {data.WordIndexMilliseconds} ms");
        Assert.InRange(data.LoadMilliseconds, 0, 10_000);
    }
}

using System.Text.RegularExpressions;

namespace DeepSeq.Data.Imdb;

/// <summary>One split (train or test) of the IMDB reviews: parallel arrays, one entry per review.</summary>
/// <param name="Texts">The raw review texts, exactly as in the archive (UTF-8 decoded; the <c>&lt;br /&gt;</c> tags are
/// still there).</param>
/// <param name="Labels">1 for a positive review (folder <c>pos</c>), 0 for a negative one (<c>neg</c>).</param>
/// <param name="Ratings">The reviewer's star rating from the file name <c>&lt;id&gt;_&lt;rating&gt;.txt</c>: 1–4 for
/// neg, 7–10 for pos.</param>
/// <param name="Paths">The archive member each review came from, e.g. <c>aclImdb/train/pos/0_9.txt</c>.</param>
public sealed record ImdbSplit(string[] Texts, int[] Labels, int[] Ratings, string[] Paths)
{
    /// <summary>The number of reviews.</summary>
    public int Count => Texts.Length;
}

/// <summary>
/// The Large Movie Review Dataset (Maas et al., ACL 2011) read straight from its <c>.tar.gz</c>, without unpacking:
/// 25,000 train and 25,000 test reviews, each half positive.
/// </summary>
/// <remarks>
/// <para>The archive holds the tree <c>aclImdb/{train,test}/{pos,neg}/&lt;id&gt;_&lt;rating&gt;.txt</c>, one review per
/// file; the label is the folder. Other members (<c>README</c>, <c>imdb.vocab</c>, <c>urls_*.txt</c>, an <c>unsup</c>
/// folder) are skipped.</para>
/// <para><b>Order</b> (deterministic, independent of the order of members in the archive): within each split all
/// <c>neg</c> reviews come first, then all <c>pos</c> ones; inside a folder reviews are sorted by their numeric id
/// (<c>0_3.txt</c>, <c>1_1.txt</c>, …, <c>12499_1.txt</c>). So a split is grouped by label: shuffle before training.
/// Keras's <c>imdb.npz</c> order cannot be reproduced: the order in which it was built is not published, and
/// <c>imdb.load_data</c> then shuffles it with <c>seed=113</c>.</para>
/// <para>What goes wrong, and what is thrown (every message starts with the file name), with nothing
/// half-loaded:</para>
/// <list type="bullet">
///   <item><see cref="DataFormatException"/>: not a gzip file; a damaged gzip or tar stream; a truncated archive
///   (checked against the gzip trailer's CRC-32 and length, and the tar end-of-archive marker); a GNU sparse
///   member; a review that is not valid UTF-8 (unless <see cref="Utf8Decoding.Lenient"/> is passed);
///   a review file not named <c>&lt;id&gt;_&lt;rating&gt;.txt</c> or given twice; one of the four folders
///   <c>aclImdb/{train,test}/{pos,neg}/</c> holding no reviews (a missing split, or members under other paths).</item>
///   <item><see cref="FileNotFoundException"/>: no file at the path.</item>
/// </list>
/// </remarks>
public static partial class ImdbReviews
{
    /// <summary>
    /// Reads the train and test splits from <paramref name="tarGzPath"/> (for example
    /// <c>shared/data/imdb/aclImdb_labeled.tar.gz</c>, or the official <c>aclImdb_v1.tar.gz</c>).
    /// </summary>
    /// <param name="tarGzPath">The gzipped tar archive holding the <c>aclImdb/</c> tree.</param>
    /// <param name="utf8">How review bytes that are not UTF-8 are treated: default <see cref="Utf8Decoding.Strict"/>
    /// (the load fails, naming the member, line and byte); <see cref="Utf8Decoding.Lenient"/> replaces them with
    /// U+FFFD and counts the replacements.</param>
    /// <returns>The train and test splits, in the order described in the remarks.</returns>
    public static (ImdbSplit Train, ImdbSplit Test) Load(string tarGzPath, Utf8Decoding? utf8 = null)
    {
        ArgumentNullException.ThrowIfNull(tarGzPath);
        using var file = File.OpenRead(tarGzPath);
        return Load(file, tarGzPath, utf8);
    }

    /// <summary>
    /// Reads the splits from a seekable <paramref name="stream"/> holding the whole .tar.gz;
    /// <paramref name="sourceName"/> names it in error messages.
    /// </summary>
    public static (ImdbSplit Train, ImdbSplit Test) Load(Stream stream, string sourceName, Utf8Decoding? utf8 = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        utf8 ??= Utf8Decoding.Strict;
        // Folder key "train/pos" etc. → the reviews found there.
        var folders =
            new Dictionary<string, List<(int Id, int Rating, string Path, string Text)>>(StringComparer.Ordinal)
        {
            ["train/neg"] = [], ["train/pos"] = [], ["test/neg"] = [], ["test/pos"] = [],
        };
        var otherMembers = new List<string>();
        Formats.TarGzInput.ForEachFile(stream, sourceName, (name, data) =>
        {
            var folder = ReviewFolder().Match(name);
            if (!folder.Success)
            {
                if (otherMembers.Count < 3) otherMembers.Add(name);
                return;
            }
            string fileName = folder.Groups["file"].Value;
            if (!fileName.EndsWith(".txt", StringComparison.Ordinal)) return;   // e.g. a stray .DS_Store
            var id = ReviewFile().Match(fileName);
            if (!id.Success)
                throw Malformed(sourceName, $"member {name}", "the review file is not named <id>_<rating>.txt");
            string text = utf8.Decode(Formats.TarGzInput.ReadAll(data), $"{sourceName}!{name}");
            folders[folder.Groups["split"].Value + "/" + folder.Groups["label"].Value]
                .Add((int.Parse(id.Groups[1].Value), int.Parse(id.Groups[2].Value), name, text));
        });

        foreach (var (key, reviews) in folders)
        {
            if (reviews.Count == 0)
                throw Malformed(sourceName, $"folder aclImdb/{key}/", "no reviews there; expected the tree " +
                    $"aclImdb/{{train,test}}/{{pos,neg}}/<id>_<rating>.txt"
                    + (otherMembers.Count > 0 ? $" (found members such as {string.Join(", ", otherMembers)})" : ""));
            reviews.Sort((a, b) => a.Id.CompareTo(b.Id));
            for (int i = 1; i < reviews.Count; i++)
                if (reviews[i].Id == reviews[i - 1].Id)
                    throw Malformed(sourceName, $"member {reviews[i].Path}", $"a second review with id " +
                        $"{reviews[i].Id} in aclImdb/{key}/ (the first is {reviews[i - 1].Path})");
        }
        return (Split(folders["train/neg"], folders["train/pos"]), Split(folders["test/neg"], folders["test/pos"]));
    }

    private static ImdbSplit Split(
        List<(int Id, int Rating, string Path, string Text)> neg,
        List<(int Id, int Rating, string Path, string Text)> pos)
    {
        var all = neg.Select(r => (r, Label: 0)).Concat(pos.Select(r => (r, Label: 1))).ToArray();
        return new ImdbSplit([.. all.Select(x => x.r.Text)], [.. all.Select(x => x.Label)],
                             [.. all.Select(x => x.r.Rating)], [.. all.Select(x => x.r.Path)]);
    }

    private static DataFormatException Malformed(string source, string position, string message,
        Exception? inner = null) => new(source, position, message, inner);

    [GeneratedRegex(@"^aclImdb/(?<split>train|test)/(?<label>pos|neg)/(?<file>[^/]+)$")]
    private static partial Regex ReviewFolder();

    [GeneratedRegex(@"^([0-9]{1,9})_([0-9]{1,2})\.txt$")]
    private static partial Regex ReviewFile();

}

namespace DeepSeq.Data.DataSets;

/// <summary>One file of a data set: its path under a data root and, where a verified copy can be fetched, its URL and
/// SHA-256.</summary>
/// <param name="RelativePath">The path under a data root, e.g. <c>mnist/train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Url">Where the exact file (same bytes) can be downloaded, or <see langword="null"/>.</param>
/// <param name="Sha256">The file's SHA-256 (from the data folder's SOURCE.md), or <see langword="null"/>.</param>
public sealed record DataSetFile(string RelativePath, Uri? Url = null, string? Sha256 = null);

/// <summary>
/// A registry entry: the files of one data set, how to count its records, and what can stand in for it.
/// </summary>
/// <param name="Name">The registry name, e.g. <c>imdb</c>.</param>
/// <param name="Files">Every file the data set needs; it is found only when all are present under one root.</param>
/// <param name="Count">Reads the files (full paths, in <paramref name="Files"/> order) with DeepSeq's readers and
/// returns the counts, e.g. <c>train 25000, test 25000</c>.</param>
/// <param name="NoDownload">Why no download is offered, or <see langword="null"/> when every file has a URL and a
/// SHA-256.</param>
/// <param name="Synthetic">Generates the seeded stand-in and returns its counts, or <see langword="null"/> when there
/// is none.</param>
/// <param name="SystemFolder">A folder that an OS package fills with the same files (their bare names), searched after
/// the data roots and before the cache; e.g. Debian's <c>/usr/share/datasets/fashion-mnist</c>.</param>
public sealed record DataSetEntry(
    string Name,
    IReadOnlyList<DataSetFile> Files,
    Func<IReadOnlyList<string>, string> Count,
    string? NoDownload,
    Func<int, string>? Synthetic = null,
    string? SystemFolder = null)
{
    /// <summary>Whether <see cref="DataSets.DownloadAsync"/> can fetch every file and check it.</summary>
    public bool CanDownload => NoDownload is null && Files.All(f => f.Url is not null && f.Sha256 is not null);
}

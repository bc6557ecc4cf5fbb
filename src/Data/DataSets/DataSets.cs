using DeepSeq.Data.Csv;
using DeepSeq.Data.Download;
using DeepSeq.Data.Formats;
using DeepSeq.Data.Imdb;
using DeepSeq.Data.Reuters;
using DeepSeq.Data.TimeSeries;
using DeepSeq.Data.WordVectors;

namespace DeepSeq.Data.DataSets;

/// <summary>The folders a lookup searches; <see cref="DataRoot"/>'s four roots with every input spelled out (tests use
/// temp folders).</summary>
/// <param name="Explicit">The folder the user named (<c>--data DIR</c>), or <see langword="null"/>.</param>
/// <param name="Environment">What <c>DEEPSEQ_DATA</c> holds, or <see langword="null"/>.</param>
/// <param name="StartDirectory">Where the walk up to <c>DeepSeq.sln</c> (for <c>../shared/data</c>) begins.</param>
/// <param name="Cache">The download cache.</param>
/// <param name="UseSystemFolders">Whether an entry's <see cref="DataSetEntry.SystemFolder"/> is searched too (default
/// true).</param>
public sealed record SearchRoots(
    string? Explicit, string? Environment, string StartDirectory, string Cache, bool UseSystemFolders = true)
{
    /// <summary>The roots of a real run: <paramref name="dataDir"/>, <c>DEEPSEQ_DATA</c>, this program's checkout, the
    /// cache.</summary>
    public static SearchRoots For(string? dataDir) => new(
        dataDir, System.Environment.GetEnvironmentVariable(DataRoot.EnvironmentVariable), AppContext.BaseDirectory,
        DataRoot.CacheRoot);
}

/// <summary>
/// The registry of the data sets DeepSeq's samples use: for each, its files under a data root, a record count read
/// with DeepSeq's own readers, a verified download where one exists, and a seeded synthetic stand-in where one is
/// written.
/// </summary>
/// <remarks>
/// <para>How a name is resolved (<see cref="Resolve(string, string?, bool)"/>):</para>
/// <code>
/// 1. synthetic: true                         → SYNTHETIC stand-in (seed 42), even when real files exist
/// 2. all files under one root (DataRoot.Find: --data, DEEPSEQ_DATA, ../shared/data; then a system folder;
///    then the cache)                          → real / cache, with counts read from the files
/// 3. not found, a download exists             → missing (DownloadAsync fetches it into the cache)
/// 4. not found, no download, a stand-in       → SYNTHETIC stand-in, the line says why
/// 5. otherwise                                → missing
/// </code>
/// <para>Stand-ins are never silent: <see cref="DataSetInfo.Source"/> is <see cref="DataSetSource.Synthetic"/> and
/// the printed line says <c>SYNTHETIC</c>. Numbers learned on them say nothing about the real data set.</para>
/// <para>Downloads are offered only where the SOURCE.md of <c>../shared/data</c> gives a SHA-256 for the exact bytes
/// at a stable URL (a raw GitHub file at a fixed commit, or MNIST's canonical mirror). Files that were repacked or
/// repaired for <c>../shared/data</c> (imdb, reuters, glove, nietzsche) have no such URL, nor has jena_climate
/// (no SHA-256 was obtainable) or fashion_mnist (none recorded).</para>
/// </remarks>
public static class DataSets
{
    /// <summary>The seed of the stand-ins that <see cref="Resolve(string, string?, bool)"/> makes.</summary>
    public const int SyntheticSeed = 42;

    private const string DebianFashionMnist = "/usr/share/datasets/fashion-mnist";

    private static Uri GitHubRaw(string repo, string commit, string path)
        => new($"https://raw.githubusercontent.com/{repo}/{commit}/{path}");

    private static Uri MnistMirror(string file) => new($"https://ossci-datasets.s3.amazonaws.com/mnist/{file}");

    /// <summary>Every registered data set, in listing order.</summary>
    public static IReadOnlyList<DataSetEntry> All { get; } =
    [
        new("imdb",
            [new("imdb/aclImdb_labeled.tar.gz"), new("imdb/imdb_word_index.json")],
            files =>
            {
                var (train, test) = ImdbReviews.Load(files[0]);
                return $"train {train.Count}, test {test.Count}";
            },
            "the tarball was repacked for ../shared/data, so no published file has its SHA-256",
            seed =>
            {
                var (train, test) = SyntheticImdb.Generate(1000, 1000, seed);
                return $"train {train.Count}, test {test.Count}";
            }),
        new("mnist",
            [
                new("mnist/train-images-idx3-ubyte.gz", MnistMirror("train-images-idx3-ubyte.gz"),
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
                new("mnist/train-labels-idx1-ubyte.gz", MnistMirror("train-labels-idx1-ubyte.gz"),
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
                new("mnist/t10k-images-idx3-ubyte.gz", MnistMirror("t10k-images-idx3-ubyte.gz"),
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                new("mnist/t10k-labels-idx1-ubyte.gz", MnistMirror("t10k-labels-idx1-ubyte.gz"),
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
            ],
            CountIdx, null,
            seed =>
            {
                var train = SyntheticMnist.Generate(1000, seed);
                var test = SyntheticMnist.Generate(200, seed + 1);
                return $"train {train.Count}, test {test.Count}";
            }),
        new("fashion_mnist",
            [
                new("fashion_mnist/train-images-idx3-ubyte.gz"), new("fashion_mnist/train-labels-idx1-ubyte.gz"),
                new("fashion_mnist/t10k-images-idx3-ubyte.gz"), new("fashion_mnist/t10k-labels-idx1-ubyte.gz"),
            ],
            CountIdx, "no SHA-256 is recorded in ../shared/data (install Debian's dataset-fashion-mnist)",
            SystemFolder: DebianFashionMnist),
        new("reuters",
            [new("reuters/reuters21578.tar.gz")],
            files =>
            {
                var corpus = ReutersCorpus.Load(files[0]);
                int train = corpus.FileIds().Count(id => id.StartsWith("training/", StringComparison.Ordinal));
                return $"ModApte train {train}, test {corpus.Count - train}";
            },
            "the tarball was repacked for ../shared/data, so no published file has its SHA-256"),
        new("text_emotion",
            [new("text_emotion/text_emotion.csv",
                GitHubRaw("abishekarun/Text-Emotion-Classification", "f53c07d7530bc3363d4a429ea28ae80f57846483",
                    "text_emotion.csv"),
                "23916cbfa77bd009cc4a88687517149c57d5dce8c3a4b1ee57f42c97f06d70ca")],
            files => $"rows {CsvReader.Read(files[0]).RowCount}", null),
        new("hate_speech",
            [new("hate_speech/labeled_data.csv",
                GitHubRaw("t-davidson/hate-speech-and-offensive-language", "cb50f7e9eb855a99abc51423bf40df0e26d6fe30",
                    "data/labeled_data.csv"),
                "fcb8bc7c68120ae4af04a5b9acd58585513ede11e1548ebf36a5c2040b6f6281")],
            files => $"rows {CsvReader.Read(files[0]).RowCount}", null),
        new("beijing_pm25",
            [new("beijing_pm25/PRSA_data_2010.1.1-2014.12.31.csv",
                GitHubRaw("SMU-Rainflow/PM2.5_predict", "c1665ba04fef837b2f63766b741d8097a7c212c0",
                    "PRSA_data_2010.1.1-2014.12.31.csv"),
                "996c74ca59a1c5ff8dbe7d59d758693c119489f1cf1cb14cf4b367619ca54fc0")],
            files => $"rows {BeijingPm25.Load(files[0]).RowCount}", null,
            seed => $"rows {SyntheticWeather.Beijing(24 * 365, seed).RowCount}"),
        new("jena_climate",
            [new("jena_climate/jena_climate_2009_2016.csv")],
            files => $"rows {JenaClimate.Load(files[0]).RowCount}",
            "the file is not available and no SHA-256 was obtainable",
            seed => $"rows {SyntheticWeather.Jena(6 * 24 * 365, seed).RowCount}"),
        new("glove",
            [new("glove/glove.6B.100d.first2717.txt")],
            files =>
            {
                int words = 0, dim = 0;
                foreach (var (_, vector) in GloVe.Read(files[0])) { words++; dim = vector.Length; }
                return $"words {words}, dim {dim}";
            },
            "the shipped file is a cut prefix of GloVe 6B; no published file has its SHA-256"),
        new("stocks",
            [
                new("stocks/GOOG.csv",
                    GitHubRaw("Bluefin-Tuna/Yahoo-Finance-Historical-Data", "8b34492b150d8478d353d7441e36978e1b3092e2",
                        "GOOG.csv"),
                    "0be76c1ec6fc160729a0c9a84704a92d21068f5bcb8f870459525e1154f8e8e1"),
                new("stocks/AAPL.csv",
                    GitHubRaw("Bluefin-Tuna/Yahoo-Finance-Historical-Data", "8b34492b150d8478d353d7441e36978e1b3092e2",
                        "AAPL.csv"),
                    "7ba220087f64b3c06b9f8139d1ebf9071b7c7785d0a637ae14e2818e6293c114"),
            ],
            files => string.Join(", ",
                files.Select(f => $"{Path.GetFileNameWithoutExtension(f)} rows {CsvReader.Read(f).RowCount}")),
            null),
        new("textgen_corpus",
            [new("textgen_corpus/tinyshakespeare_input.txt"), new("textgen_corpus/nietzsche.txt")],
            // Characters, not bytes: nietzsche.txt holds 8 two-byte UTF-8 characters (600,901 bytes, 600,893 chars).
            files => string.Join(", ",
                files.Select(f => $"{Path.GetFileNameWithoutExtension(f)} chars {File.ReadAllText(f).Length}")),
            "nietzsche.txt was repaired for ../shared/data, so no published file has its SHA-256"),
    ];

    /// <summary>The entry named <paramref name="name"/> (ordinal, case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such data set; the message lists the known names.</exception>
    public static DataSetEntry Entry(string name)
        => All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
           ?? throw new ArgumentException($"unknown data set '{name}'; known: " +
               $"{string.Join(", ", All.Select(e => e.Name))}", nameof(name));

    /// <summary>Resolves <paramref name="name"/> with the roots of a real run (see the class remarks for the
    /// order).</summary>
    /// <param name="name">A registry name, e.g. <c>imdb</c>.</param>
    /// <param name="dataDir">The folder the user named (<c>--data DIR</c>), searched first; default none.</param>
    /// <param name="synthetic">Make the seeded stand-in even when real files exist (default false).</param>
    public static DataSetInfo Resolve(string name, string? dataDir = null, bool synthetic = false)
        => Resolve(name, SearchRoots.For(dataDir), synthetic);

    /// <summary>The same with every root spelled out.</summary>
    public static DataSetInfo Resolve(
        string name, SearchRoots roots, bool synthetic = false, bool fallBackToSynthetic = true)
    {
        ArgumentNullException.ThrowIfNull(roots);
        DataSetEntry entry = Entry(name);
        if (synthetic) return Synthesize(entry, "asked for");

        string[]? paths = FindAll(entry, roots, out DataSetSource source);
        if (paths is null)
        {
            string where = $"not in {NotFoundWhere(roots)}";
            if (entry.CanDownload)
                return new(entry.Name, DataSetSource.Missing, null, "",
                    $"{where}; download available: DataSets.DownloadAsync(\"{entry.Name}\")");
            string noDownload = $"{where}; no download available";
            if (entry.Synthetic is not null)
                return fallBackToSynthetic
                    ? Synthesize(entry, noDownload)
                    : new(entry.Name, DataSetSource.Missing, null, "", noDownload);
            return new(entry.Name, DataSetSource.Missing, null, "", noDownload);
        }

        string counts;
        try { counts = entry.Count(paths); }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            counts = $"UNREADABLE: {e.Message}";
        }
        return new(entry.Name, source, Path.GetDirectoryName(paths[0]), counts, "");
    }

    /// <summary>
    /// One line per registered data set as <c>samples/DataSets list</c> prints it. Unlike
    /// <see cref="Resolve(string, string?, bool)"/> it never makes a stand-in: a missing data set is shown missing,
    /// with "synthetic stand-in available" where one exists.
    /// </summary>
    public static IEnumerable<string> ListLines(SearchRoots roots)
    {
        foreach (DataSetEntry entry in All)
        {
            DataSetInfo info = Resolve(entry.Name, roots, synthetic: false, fallBackToSynthetic: false);
            yield return info.Source == DataSetSource.Missing && entry.Synthetic is not null
                ? $"{info} — synthetic stand-in available"
                : info.ToString();
        }
    }

    /// <summary>
    /// Downloads the files of <paramref name="name"/> that no root holds into the cache, each checked against its
    /// SHA-256 (see <see cref="Downloader"/>), then resolves it again.
    /// </summary>
    /// <exception cref="NotSupportedException">The data set has no verified download; the message says why.</exception>
    public static async Task<DataSetInfo> DownloadAsync(string name, string? dataDir = null,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        DataSetEntry entry = Entry(name);
        if (!entry.CanDownload)
            throw new NotSupportedException(
                $"{entry.Name}: no download is available ({entry.NoDownload ?? "a file has no URL or SHA-256"}).");
        var roots = SearchRoots.For(dataDir);
        foreach (DataSetFile file in entry.Files)
        {
            bool present = DataRoot.Find(
                file.RelativePath, roots.Explicit, roots.Environment, roots.StartDirectory, roots.Cache).Found;
            if (present) continue;
            await Downloader.DownloadAsync(file.Url!, Path.Combine(roots.Cache, file.RelativePath), file.Sha256!,
                progress, cancellationToken);
        }
        return Resolve(entry.Name, roots);
    }

    /// <summary>
    /// The full paths of every file of data set <paramref name="name"/>, all under the first root that holds them all
    /// (an installed system package before the download cache); null when none does. Unlike
    /// <see cref="Resolve(string, string?, bool)"/> it reads nothing:
    /// a sample that is about to load the files calls this.
    /// </summary>
    /// <param name="name">a registry name, e.g. <c>imdb</c></param>
    /// <param name="roots">where to look: <c>SearchRoots.For(dataDir)</c> for <c>--data</c>, <c>DEEPSEQ_DATA</c>,
    /// ../shared/data, the cache</param>
    /// <param name="source">real or cache when found, missing otherwise</param>
    /// <param name="searched">the roots searched, for a "not found in …" line</param>
    public static string[]? FindFiles(string name, SearchRoots roots, out DataSetSource source, out string searched)
    {
        searched = NotFoundWhere(roots);
        return FindAll(Entry(name), roots, out source);
    }

    /// <summary>
    /// The full paths of every file, all under the first root that holds them all; null when none does.
    /// </summary>
    private static string[]? FindAll(DataSetEntry entry, SearchRoots roots, out DataSetSource source)
    {
        var candidates = new List<(DataSetSource Source, string Root)>();
        var dataRoots = DataRoot.Roots(roots.Explicit, roots.Environment, roots.StartDirectory, roots.Cache);
        foreach (DataLocation root in dataRoots)
        {
            if (root.Source == DataSource.Cache && roots.UseSystemFolders && entry.SystemFolder is not null)
                // before the cache: an installed package is the user's own copy
                candidates.Add((DataSetSource.Real, entry.SystemFolder));
            candidates.Add((root.Source == DataSource.Cache ? DataSetSource.Cache : DataSetSource.Real, root.Path));
        }
        foreach (var (candidateSource, root) in candidates)
        {
            bool system = root == entry.SystemFolder;
            string[] paths =
            [
                .. entry.Files.Select(f =>
                    Path.GetFullPath(Path.Combine(root, system ? Path.GetFileName(f.RelativePath) : f.RelativePath))),
            ];
            if (paths.All(File.Exists))
            {
                source = candidateSource;
                return paths;
            }
        }
        source = DataSetSource.Missing;
        return null;
    }

    /// <summary>The searched roots for a "not in …" message, e.g. <c>../shared/data or the cache</c>.</summary>
    private static string NotFoundWhere(SearchRoots roots)
    {
        var named = DataRoot.Roots(roots.Explicit, roots.Environment, roots.StartDirectory, roots.Cache)
            .Where(r => r.Source != DataSource.Cache).Select(r => DataSetInfo.Show(r.Path)).ToList();
        return named.Count == 0 ? "the cache" : string.Join(", ", named) + " or the cache";
    }

    /// <summary>Makes the entry's stand-in, or reports it missing when it has none.</summary>
    private static DataSetInfo Synthesize(DataSetEntry entry, string why)
        => entry.Synthetic is null
            ? new(entry.Name, DataSetSource.Missing, null, "", $"no synthetic stand-in exists; {why}")
            : new(entry.Name, DataSetSource.Synthetic, null, entry.Synthetic(SyntheticSeed),
                $"seed {SyntheticSeed}, {why}");

    /// <summary>MNIST-style counts: the first dimension of the train and test image files (labels checked to
    /// agree).</summary>
    private static string CountIdx(IReadOnlyList<string> files)
    {
        int trainImages = IdxReader.Read(files[0]).Shape[0], trainLabels = IdxReader.Read(files[1]).Shape[0];
        int testImages = IdxReader.Read(files[2]).Shape[0], testLabels = IdxReader.Read(files[3]).Shape[0];
        if (trainImages != trainLabels || testImages != testLabels)
            throw new DataFormatException(files[0], "header", $"{trainImages}/{testImages} images (train/test) but " +
                $"{trainLabels}/{testLabels} labels in {files[1]} and {files[3]}");
        return $"train {trainImages}, test {testImages}";
    }
}

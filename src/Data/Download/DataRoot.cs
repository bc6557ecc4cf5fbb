namespace DeepSeq.Data.Download;

/// <summary>Where <see cref="DataRoot.Find(string, string?)"/> found a data set.</summary>
public enum DataSource
{
    /// <summary>Under the folder given explicitly (a sample's <c>--data DIR</c>).</summary>
    Explicit,
    /// <summary>Under the folder named by the <c>DEEPSEQ_DATA</c> environment variable.</summary>
    Environment,
    /// <summary>Under <c>../shared/data</c> beside the repository (the folder holding <c>DeepSeq.sln</c>).</summary>
    Shared,
    /// <summary>In the download cache, <c>LocalApplicationData/deepseq</c>.</summary>
    Cache,
    /// <summary>Nowhere; the path is where a download into the cache should put it.</summary>
    NotFound,
}

/// <summary>A data set's path and which of the searched roots it came from.</summary>
/// <param name="Source">The root that held it, or <see cref="DataSource.NotFound"/>.</param>
/// <param name="Path">The full path of the file or folder; for <see cref="DataSource.NotFound"/>, its place in the
/// cache.</param>
public readonly record struct DataLocation(DataSource Source, string Path)
{
    /// <summary>Whether the data set exists at <see cref="Path"/>.</summary>
    public bool Found => Source != DataSource.NotFound;
}

/// <summary>
/// Finds a data set (a file or a folder, by its relative name such as <c>mnist.npz</c> or <c>imdb/train</c>) on disk.
/// </summary>
/// <remarks>
/// <para>The roots, searched in this order; the first that holds the name wins:</para>
/// <code>
/// 1. Explicit     the folder the user named (--data DIR)
/// 2. Environment  $DEEPSEQ_DATA
/// 3. Shared       &lt;repository&gt;/../shared/data, the repository found by walking up from
///                 AppContext.BaseDirectory to the folder that holds DeepSeq.sln
/// 4. Cache        LocalApplicationData/deepseq   (~/.local/share/deepseq on Linux, %LOCALAPPDATA%\deepseq on Windows)
/// </code>
/// <para>
/// The user's own choices come first, so a sample run with <c>--data</c> never silently reads some other copy; the
/// cache comes last because it is where <see cref="Downloader"/> puts what none of the others had.
/// </para>
/// </remarks>
public static class DataRoot
{
    /// <summary>The environment variable naming a data folder: <c>DEEPSEQ_DATA</c>.</summary>
    public const string EnvironmentVariable = "DEEPSEQ_DATA";

    /// <summary>The file that marks the repository's root folder.</summary>
    public const string SolutionFile = "DeepSeq.sln";

    /// <summary>The download cache: <c>LocalApplicationData/deepseq</c> (the temp folder's <c>deepseq</c> when the OS
    /// gives no such folder).</summary>
    public static string CacheRoot
    {
        get
        {
            string appData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(string.IsNullOrEmpty(appData) ? Path.GetTempPath() : appData, "deepseq");
        }
    }

    /// <summary>Finds <paramref name="name"/> under the four roots, reading the environment and this program's
    /// location.</summary>
    /// <param name="name">The data set's path relative to a root, e.g. <c>mnist.npz</c>.</param>
    /// <param name="explicitRoot">The folder the user named (a sample's <c>--data DIR</c>), or <c>null</c>.</param>
    public static DataLocation Find(string name, string? explicitRoot)
        => Find(name, explicitRoot, Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory,
            CacheRoot);

    /// <summary>The same search with every input spelled out, for tests and tools.</summary>
    /// <param name="name">The data set's path relative to a root.</param>
    /// <param name="explicitRoot">The explicit folder, or <c>null</c>.</param>
    /// <param name="environmentRoot">What <c>DEEPSEQ_DATA</c> holds, or <c>null</c>.</param>
    /// <param name="startDirectory">Where the walk up to <c>DeepSeq.sln</c> begins.</param>
    /// <param name="cacheRoot">The download cache.</param>
    public static DataLocation Find(
        string name, string? explicitRoot, string? environmentRoot, string startDirectory, string cacheRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        // Path.Combine(root, "/abs") would drop the root and quietly look outside every data folder.
        if (Path.IsPathRooted(name))
            throw new ArgumentException(
                $"'{name}' must be relative to a data folder, not an absolute path.", nameof(name));

        foreach (DataLocation root in Roots(explicitRoot, environmentRoot, startDirectory, cacheRoot))
        {
            string path = Path.GetFullPath(Path.Combine(root.Path, name));
            if (File.Exists(path) || Directory.Exists(path)) return new DataLocation(root.Source, path);
        }
        return new DataLocation(DataSource.NotFound, Path.GetFullPath(Path.Combine(cacheRoot, name)));
    }

    /// <summary>The roots that will be searched, in order, each with its source; unset ones are left out. Useful in
    /// "not found" messages.</summary>
    public static IReadOnlyList<DataLocation> Roots(
        string? explicitRoot, string? environmentRoot, string startDirectory, string cacheRoot)
    {
        var roots = new List<DataLocation>(4);
        if (!string.IsNullOrWhiteSpace(explicitRoot))
            roots.Add(new(DataSource.Explicit, Path.GetFullPath(explicitRoot)));
        if (!string.IsNullOrWhiteSpace(environmentRoot))
            roots.Add(new(DataSource.Environment, Path.GetFullPath(environmentRoot)));
        if (SharedRoot(startDirectory) is string shared) roots.Add(new(DataSource.Shared, shared));
        roots.Add(new(DataSource.Cache, Path.GetFullPath(cacheRoot)));
        return roots;
    }

    /// <summary>
    /// <c>../shared/data</c> beside the repository: walks up from <paramref name="startDirectory"/> to the first folder
    /// holding <c>DeepSeq.sln</c>; <c>null</c> when there is none (an installed program, far from any checkout).
    /// </summary>
    public static string? SharedRoot(string startDirectory)
    {
        for (DirectoryInfo? dir = new(Path.GetFullPath(startDirectory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        }
        return null;
    }
}

namespace DeepSeq.Data.DataSets;

/// <summary>Where <see cref="DataSets.Resolve(string, string?, bool)"/> got a data set from.</summary>
public enum DataSetSource
{
    /// <summary>Real files in a data folder the user keeps (<c>--data</c>, <c>DEEPSEQ_DATA</c>, <c>../shared/data</c>,
    /// a system folder).</summary>
    Real,
    /// <summary>Real files in the download cache.</summary>
    Cache,
    /// <summary>Generated stand-in data, NOT the real data set. Always printed as <c>SYNTHETIC</c>.</summary>
    Synthetic,
    /// <summary>Nowhere: no real files, and no stand-in was made.</summary>
    Missing,
}

/// <summary>What <see cref="DataSets.Resolve(string, string?, bool)"/> found for one data set.</summary>
/// <param name="Name">The registry name, e.g. <c>imdb</c>.</param>
/// <param name="Source">Real, cache, synthetic or missing.</param>
/// <param name="Path">The folder holding the files; <see langword="null"/> for synthetic and missing data.</param>
/// <param name="Counts">The record counts, e.g. <c>train 25000, test 25000</c>; empty when missing.</param>
/// <param name="Detail">Why it is missing or synthetic, and what else is possible (download, stand-in).</param>
public sealed record DataSetInfo(string Name, DataSetSource Source, string? Path, string Counts, string Detail)
{
    /// <summary>Whether this is generated stand-in data rather than the real data set.</summary>
    public bool IsSynthetic => Source == DataSetSource.Synthetic;

    /// <summary>
    /// One line for a console, e.g. <c>imdb: real ../shared/data/imdb, train 25000, test 25000</c>. Paths are shown
    /// relative to the current folder when that is shorter. A synthetic line always says <c>SYNTHETIC</c>.
    /// </summary>
    public override string ToString() => Source switch
    {
        DataSetSource.Real => $"{Name}: real {Show(Path)}, {Counts}",
        DataSetSource.Cache => $"{Name}: cache {Show(Path)}, {Counts}",
        DataSetSource.Synthetic => $"{Name}: SYNTHETIC stand-in, not real data ({Detail}), {Counts}",
        _ => $"{Name}: missing ({Detail})",
    };

    /// <summary>A path relative to the current folder when that is shorter than the full one.</summary>
    public static string Show(string? path)
    {
        if (path is null) return "";
        string relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.Length < path.Length ? relative : path;
    }
}

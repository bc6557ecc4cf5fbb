using DeepSeq.Data.DataSets;
using DeepSeq.Samples.CommandLine;

namespace DeepSeq.Samples.Data;

/// <summary>The data lookup every sample's loader starts with: the real files of a registry data set under the run's
/// data roots, or null with the reason a SYNTHETIC stand-in is used instead.</summary>
public static class DataFiles
{
    /// <summary>The files of <paramref name="dataSet"/> under <c>--data</c>, <c>DEEPSEQ_DATA</c>, ../shared/data or
    /// the cache (<see cref="DataSets.FindFiles"/>); null with <c>--synthetic</c> or when none holds them, and then
    /// <paramref name="why"/> says which, for the stand-in's origin line.</summary>
    public static string[]? Find(string dataSet, RunOptions options, out string why)
    {
        ArgumentNullException.ThrowIfNull(options);
        why = "--synthetic given";
        if (options.Synthetic) return null;
        var files = DataSets.FindFiles(dataSet, SearchRoots.For(options.DataDir), out _, out string searched);
        if (files is null) why = $"no data found under {searched}";
        return files;
    }
}

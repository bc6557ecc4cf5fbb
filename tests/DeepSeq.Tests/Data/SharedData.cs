using DeepSeq.Data.Download;
using Xunit.Abstractions;

namespace DeepSeq.Tests.Data;

/// <summary>
/// Where the real-data tests find <c>../shared/data</c>: beside the repository, as <see cref="DataRoot"/> finds it.
/// xunit 2 has no dynamic skip, so a test whose data is absent passes early after writing a SKIPPED line.
/// </summary>
public static class SharedData
{
    /// <summary>The file or folder <paramref name="parts"/> under ../shared/data, or null after writing why it was skipped.</summary>
    public static string? Find(ITestOutputHelper output, params string[] parts)
    {
        string? root = DataRoot.SharedRoot(AppContext.BaseDirectory);
        string? path = root is null ? null : Path.GetFullPath(Path.Combine([root, .. parts]));
        if (path is not null && (File.Exists(path) || Directory.Exists(path))) return path;
        output.WriteLine($"SKIPPED: {path ?? string.Join('/', parts) + " (no DeepSeq.sln found above " + AppContext.BaseDirectory + ")"} not found, so the real-data test did not run.");
        return null;
    }
}

using Xunit.Abstractions;

namespace DeepSeq.Tests.Data.Loaders;

/// <summary>Temporary files for the loader tests, and the shared real data beside the repository.</summary>
internal sealed class LoaderTestFiles : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "deepseq-loaders-" + Guid.NewGuid().ToString("N"));

    public LoaderTestFiles() => Directory.CreateDirectory(_dir);

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to a new file named <paramref name="name"/>.</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(false));
        return path;
    }

    /// <summary>Writes raw bytes to a new file named <paramref name="name"/>.</summary>
    public string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The file under <c>../shared/data</c> beside the repository root (the folder holding DeepSeq.sln), or null after saying SKIPPED.</summary>
    public static string? Shared(ITestOutputHelper output, params string[] parts) => SharedData.Find(output, parts);
}

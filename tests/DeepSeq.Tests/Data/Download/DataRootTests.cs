using DeepSeq.Data.Download;
using Xunit;

namespace DeepSeq.Tests.Data.Download;

/// <summary>
/// <see cref="DataRoot"/>'s search order, over a temp tree that stands in for every root:
/// <c>explicit/</c>, <c>env/</c>, <c>repo/DeepSeq.sln</c> with <c>shared/data/</c> beside it, and <c>cache/</c>.
/// </summary>
public sealed class DataRootTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deepseq-dataroot-").FullName;
    private string Explicit => Path.Combine(_dir, "explicit");
    private string Env => Path.Combine(_dir, "env");
    private string Shared => Path.Combine(_dir, "shared", "data");
    private string Cache => Path.Combine(_dir, "cache");
    private string Start => Path.Combine(_dir, "repo", "samples", "bin", "Release");

    public DataRootTests()
    {
        Directory.CreateDirectory(Start);
        File.WriteAllText(Path.Combine(_dir, "repo", DataRoot.SolutionFile), "");
    }

    private static void Put(string root, string name)
    {
        string path = Path.Combine(root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
    }

    private DataLocation Find(string name) => DataRoot.Find(name, Explicit, Env, Start, Cache);

    [Fact]
    public void EachRootWinsOverThoseAfterIt()
    {
        Put(Cache, "a.npz");
        Assert.Equal(new DataLocation(DataSource.Cache, Path.Combine(Cache, "a.npz")), Find("a.npz"));
        Put(Shared, "a.npz");
        Assert.Equal(new DataLocation(DataSource.Shared, Path.Combine(Shared, "a.npz")), Find("a.npz"));
        Put(Env, "a.npz");
        Assert.Equal(new DataLocation(DataSource.Environment, Path.Combine(Env, "a.npz")), Find("a.npz"));
        Put(Explicit, "a.npz");
        Assert.Equal(new DataLocation(DataSource.Explicit, Path.Combine(Explicit, "a.npz")), Find("a.npz"));
    }

    [Fact]
    public void FoldersAndNestedNamesAreFoundAndMissingOnesPointIntoTheCache()
    {
        Directory.CreateDirectory(Path.Combine(Shared, "imdb", "train"));
        Assert.Equal(DataSource.Shared, Find("imdb/train").Source);

        DataLocation missing = Find("nowhere.npz");
        Assert.False(missing.Found);
        Assert.Equal(new DataLocation(DataSource.NotFound, Path.Combine(Cache, "nowhere.npz")), missing);
    }

    [Fact]
    public void SharedIsBesideTheFolderHoldingTheSolutionAndAbsentWithoutOne()
    {
        Assert.Equal(Shared, DataRoot.SharedRoot(Start));
        string outside = Directory.CreateTempSubdirectory("deepseq-nosln-").FullName;
        try
        {
            Assert.Null(DataRoot.SharedRoot(outside));
            Assert.Equal([DataSource.Cache], DataRoot.Roots(null, null, outside, Cache).Select(r => r.Source));
        }
        finally { Directory.Delete(outside); }
    }

    [Fact]
    public void TheEnvironmentVariableIsReadAndTheExplicitFolderBeatsIt()
    {
        string name = $"test-{Guid.NewGuid():N}.bin";  // unique, so no real shared folder or cache can hold it
        string? saved = Environment.GetEnvironmentVariable(DataRoot.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataRoot.EnvironmentVariable, Env);
            Assert.Equal(DataSource.NotFound, DataRoot.Find(name, null).Source);
            Assert.StartsWith(Path.GetFullPath(DataRoot.CacheRoot), DataRoot.Find(name, null).Path);

            Put(Env, name);
            Assert.Equal(new DataLocation(DataSource.Environment, Path.Combine(Env, name)), DataRoot.Find(name, null));

            Put(Explicit, name);
            Assert.Equal(new DataLocation(DataSource.Explicit, Path.Combine(Explicit, name)), DataRoot.Find(name, Explicit));
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataRoot.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void AbsoluteOrEmptyNamesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Find(Path.Combine(_dir, "a.npz")));
        Assert.Throws<ArgumentException>(() => Find(""));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

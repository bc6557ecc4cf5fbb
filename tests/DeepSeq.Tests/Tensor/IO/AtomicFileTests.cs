using DeepSeq.IO;
using Xunit;

namespace DeepSeq.Tests.Tensor.IO;
using Tensor = DeepSeq.Tensor;

/// <summary>
/// <see cref="AtomicFile"/>: the target holds the old bytes or the new ones, never a mix, and no temporary file is
/// left behind. Each test works in a folder of its own, so "the folder lists exactly these files" is a real check.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("deepseq-atomic-").FullName;
    private readonly byte[] _old = [1, 2, 3, 4, 5];
    private readonly byte[] _new = [9, 8, 7];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string[] Listing() => Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void WriteCreatesTheFileAndNothingElse()
    {
        string path = PathOf("weights.bin");
        AtomicFile.Write(path, stream => stream.Write(_new));
        Assert.Equal(_new, File.ReadAllBytes(path));
        Assert.Equal(["weights.bin"], Listing());
    }

    [Fact]
    public void WriteReplacesAnExistingFile()
    {
        string path = PathOf("weights.bin");
        File.WriteAllBytes(path, _old);
        AtomicFile.Write(path, stream => stream.Write(_new));
        Assert.Equal(_new, File.ReadAllBytes(path));
        Assert.Equal(["weights.bin"], Listing());
    }

    [Fact]
    public void WriteWritesToAHiddenTemporaryFileInTheSameFolder()
    {
        string path = PathOf("weights.bin");
        string? seen = null;
        AtomicFile.Write(path, stream =>
        {
            seen = ((FileStream)stream).Name;
            Assert.False(File.Exists(path));   // the target appears only at the rename
        });
        Assert.Equal(_folder, Path.GetDirectoryName(seen));
        Assert.StartsWith(".weights.bin.", Path.GetFileName(seen));
        Assert.False(File.Exists(seen));
    }

    [Fact]
    public void AnExceptionHalfWayKeepsTheOldFileAndLeavesNoTemporaryFile()
    {
        string path = PathOf("weights.bin");
        File.WriteAllBytes(path, _old);
        var boom = new InvalidOperationException("boom");
        var thrown = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(_new);
            stream.Flush();   // the partial bytes really are in the temporary file
            throw boom;
        }));
        Assert.Same(boom, thrown);   // rethrown as is, not wrapped
        Assert.Equal(_old, File.ReadAllBytes(path));
        Assert.Equal(["weights.bin"], Listing());
    }

    [Fact]
    public void AnExceptionWithNoEarlierFileLeavesTheFolderEmpty()
    {
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(PathOf("weights.bin"), stream =>
        {
            stream.Write(_new);
            throw new InvalidOperationException("boom");
        }));
        Assert.Empty(Listing());
    }

    [Fact]
    public void WriteViaRenamesWhatTheCallbackCreated()
    {
        string path = PathOf("graph.png");
        File.WriteAllBytes(path, _old);
        AtomicFile.WriteVia(path, temp =>
        {
            Assert.Equal(_folder, Path.GetDirectoryName(temp));
            Assert.False(File.Exists(temp));   // the callback (an external program) creates it
            File.WriteAllBytes(temp, _new);
        });
        Assert.Equal(_new, File.ReadAllBytes(path));
        Assert.Equal(["graph.png"], Listing());
    }

    [Fact]
    public void WriteViaDeletesTheTemporaryFileWhenTheCallbackFails()
    {
        string path = PathOf("graph.png");
        File.WriteAllBytes(path, _old);
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteVia(path, temp =>
        {
            File.WriteAllBytes(temp, _new);
            throw new InvalidOperationException("dot exited with 1");
        }));
        Assert.Equal(_old, File.ReadAllBytes(path));
        Assert.Equal(["graph.png"], Listing());
    }

    [Fact]
    public void WriteViaThrowsWhenTheCallbackCreatedNothing()
    {
        string path = PathOf("graph.png");
        File.WriteAllBytes(path, _old);
        var error = Assert.Throws<IOException>(() => AtomicFile.WriteVia(path, _ => { }));
        Assert.Contains(path, error.Message);
        Assert.Equal(_old, File.ReadAllBytes(path));
    }
}

using DeepSeq.Layers.Saving;

namespace DeepSeq.Tests.Layers.Saving;

/// <summary>
/// What the SafeTensor, SafeTensorsContents, SafeTensorsFile and round-trip tests share: a scratch folder, a fresh
/// path in it, and a write-then-read of a list of tensors.
/// </summary>
public abstract class SafeTensorsTestBase : IDisposable
{
    protected readonly SafeTensorsBytes _files = new();

    public void Dispose() => _files.Dispose();

    protected string NewPath() => Path.Combine(_files.Folder, $"{Guid.NewGuid():N}.safetensors");

    protected SafeTensorsContents RoundTrip(IEnumerable<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        string path = NewPath();
        SafeTensorsFile.Write(path, tensors, metadata);
        return SafeTensorsFile.Read(path);
    }
}

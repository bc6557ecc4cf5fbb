using System.Diagnostics.CodeAnalysis;

namespace DeepSeq.Layers.Saving;

/// <summary>
/// Everything a safetensors file holds, as <see cref="SafeTensorsFile.Read"/> returns it: the tensors in the order
/// of their bytes in the file, looked up by name, and the header's <c>__metadata__</c> strings.
/// </summary>
public sealed class SafeTensorsContents
{
    private readonly Dictionary<string, SafeTensor> _byName;

    internal SafeTensorsContents(
        string path,
        IReadOnlyList<SafeTensor> tensors,
        IReadOnlyDictionary<string,
        string> metadata)
    {
        Path = path;
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The file these came from, for messages.</summary>
    public string Path { get; }

    /// <summary>The tensors, ordered by where their bytes lie in the file (for a file from the reference writer: by
    /// alignment, then name).</summary>
    public IReadOnlyList<SafeTensor> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> object; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> naming the file and
    /// the names it does hold.</summary>
    public SafeTensor this[string name] => TryGet(name, out var tensor) ? tensor
        : throw new KeyNotFoundException(
            $"safetensors: {Path} has no tensor '{name}'; it holds {Describe(Tensors.Select(t => t.Name))}");

    /// <summary>Looks up <paramref name="name"/> (case-sensitive, as the format's keys are).</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out SafeTensor? tensor)
        => _byName.TryGetValue(name, out tensor);

    // Lists at most a dozen names: a model can hold hundreds of tensors, and a message should stay readable.
    private static string Describe(IEnumerable<string> names)
    {
        var all = names.ToList();
        if (all.Count == 0) return "no tensors";
        string shown = string.Join(", ", all.Take(12).Select(n => $"'{n}'"));
        return all.Count > 12 ? $"{shown} and {all.Count - 12} more" : shown;
    }
}

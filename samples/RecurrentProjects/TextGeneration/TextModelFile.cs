using System.Text.Json;
using DeepSeq.Data.Loaders;
using DeepSeq.IO;
using DeepSeq.Kernels;
using DeepSeq.Layers;

namespace DeepSeq.Samples.RecurrentProjects.TextGeneration;

/// <summary>
/// What a saved text model needs beside its weights to be rebuilt in another process: the cell, the vocabulary and
/// the training window length, as <c>&lt;weights&gt;.json</c> next to <c>&lt;weights&gt;.safetensors</c>, written
/// atomically like the weights.
/// </summary>
public static class TextModelFile
{
    private sealed record Contents(string Cell, string Vocabulary, int WindowLength);

    /// <summary>The description file of the weights at <paramref name="weightsPath"/>.</summary>
    public static string PathFor(string weightsPath) => Path.ChangeExtension(weightsPath, ".json");

    /// <summary>Writes the description of a model saved at <paramref name="weightsPath"/>.</summary>
    public static void Write(string weightsPath, CellKind cell, CharVocabulary vocabulary, int windowLength)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var contents = new Contents(cell.ToString(), string.Concat(vocabulary.Chars), windowLength);
        AtomicFile.Write(PathFor(weightsPath), stream => JsonSerializer.Serialize(stream, contents));
    }

    /// <summary>Rebuilds the model saved at <paramref name="weightsPath"/> and loads its weights.</summary>
    /// <exception cref="FileNotFoundException">The weights or their description are missing.</exception>
    /// <exception cref="InvalidDataException">The description cannot be read.</exception>
    public static (Sequential Model, CellKind Cell, CharVocabulary Vocabulary) Load(string weightsPath)
    {
        ArgumentNullException.ThrowIfNull(weightsPath);
        string description = PathFor(weightsPath);
        foreach (string file in new[] { weightsPath, description })
            if (!File.Exists(file))
                throw new FileNotFoundException($"text model: no file {Path.GetFullPath(file)} (E5 writes both the " +
                                                "weights and their .json)", file);
        Contents? contents;
        try
        {
            contents = JsonSerializer.Deserialize<Contents>(File.ReadAllText(description));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{description}: not a text model description: {e.Message}", e);
        }
        if (contents is null || string.IsNullOrEmpty(contents.Vocabulary) || contents.WindowLength < 1 ||
            !Enum.TryParse<CellKind>(contents.Cell, out var cell))
            throw new InvalidDataException($"{description}: needs Cell (Lstm or Gru), Vocabulary and WindowLength");
        var vocabulary = new CharVocabulary(contents.Vocabulary);
        var model = TextGenerationExperiment.Build(cell, vocabulary.Count, contents.WindowLength, "zeros");
        model.LoadWeights(weightsPath);
        return (model, cell, vocabulary);
    }
}

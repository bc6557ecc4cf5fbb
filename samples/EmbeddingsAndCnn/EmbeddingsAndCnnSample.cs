using DeepSeq.Samples.Experiments;

namespace DeepSeq.Samples.EmbeddingsAndCnn;

/// <summary>The sample's name and its experiments, in the order <c>run all</c> runs them (public so tests can run
/// them in-process).</summary>
public static class EmbeddingsAndCnnSample
{
    /// <summary>The sample's name; its default output folder is <c>out/EmbeddingsAndCnn</c>.</summary>
    public const string Name = "EmbeddingsAndCnn";

    /// <summary>D1, D2, D3, D3F, D4 (D4 explains the network D3 trained earlier in the same run).</summary>
    public static IReadOnlyList<Experiment> Experiments { get; } =
        [new ParameterCounts(), new Word2Vec(), new MnistCnn(), MnistCnn.Fashion(), new GradCam()];
}

using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.TextAndSequences.Weather;

namespace DeepSeq.Samples.TextAndSequences;

/// <summary>The sample's name and its experiments, in the order <c>run all</c> runs them (public so tests can run
/// them in-process).</summary>
public static class TextAndSequencesSample
{
    /// <summary>The sample's name; its default output folder is <c>out/TextAndSequences</c>.</summary>
    public const string Name = "TextAndSequences";

    /// <summary>The chapter's experiments built so far, in the book's order.</summary>
    public static IReadOnlyList<Experiment> Experiments { get; } =
    [
        new TextEncodings(), new ImdbEmbeddingFlatten(), new RawTextGlove(), new RnnByHand(), new ImdbSimpleRnn(),
        new RnnSummaries(),
        new ImdbLstm(), new CommonSenseBaseline(), new DenseForecast(), new GruForecast(), new DropoutGruForecast(),
        new StackedGruForecast(), new ImdbReversedLstm(), new ReversedGruForecast(), new ImdbBidirectionalLstm(),
        new BidirectionalGruForecast(), new ImdbConvnet(), new ConvnetForecast(), new ConvGruForecast(),
    ];
}

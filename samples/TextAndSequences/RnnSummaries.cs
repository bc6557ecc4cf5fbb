using DeepSeq.Layers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;

namespace DeepSeq.Samples.TextAndSequences;

/// <summary>
/// B6, the book's summaries of SimpleRNN models (no training): Embedding(10000, 32) → SimpleRNN(32); the same with
/// <c>return_sequences</c>; and four stacked SimpleRNN(32), the first three returning sequences. The input length is
/// left open (None), as the book's Embedding without <c>input_length</c> leaves it.
/// </summary>
public sealed class RnnSummaries : Experiment
{
    /// <inheritdoc/>
    public override string Id => "B6";
    /// <inheritdoc/>
    public override string Title => "Summaries: Embedding(10000, 32) → SimpleRNN(32), with return_sequences, and " +
                                    "four stacked";
    /// <inheritdoc/>
    public override string Reference => "322,080 / 322,080 (output (None, None, 32)) / 328,320 params";

    /// <summary>The three models, in the book's order.</summary>
    public static IReadOnlyList<Sequential> Models()
    {
        static Sequential Model(params Layer[] rnns) =>
            new([new InputLayer([null]), new Embedding(10_000, 32), .. rnns]);
        return
        [
            Model(new SimpleRnn(32)),
            Model(new SimpleRnn(32, returnSequences: true)),
            Model(new SimpleRnn(32, returnSequences: true), new SimpleRnn(32, returnSequences: true),
                new SimpleRnn(32, returnSequences: true), new SimpleRnn(32)),
        ];
    }

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Session.SetRandomSeed((ulong)context.Seed);
        var models = Models();
        foreach (var model in models) model.Summary(context.Output);
        var metrics = new Dictionary<string, double>
        {
            ["params_last_output"] = models[0].CountParams(),
            ["params_sequences"] = models[1].CountParams(),
            ["params_stacked"] = models[2].CountParams(),
        };
        return new ExperimentResult(new DataOrigin("none", false, null, "no data: summaries only"), metrics, 0);
    }
}

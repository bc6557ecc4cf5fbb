using DeepSeq.Layers;
using DeepSeq.Samples.Experiments;

namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>
/// C7, the book's word LSTM: input <c>lstm_input</c> (word ids) → Embedding <c>lstm_embedding</c> → LSTM(128) →
/// Dense(classes, softmax) <c>lstm_predictions</c>; rmsprop, sparse categorical crossentropy, 10 epochs.
/// </summary>
/// <remarks>The embedding starts from C6's vectors, as C5's does (trainable), and trains the same way
/// (<see cref="WordCnn.TrainWordModel"/>: batches of 32 on the 90 % split).</remarks>
public sealed class WordLstm : Experiment
{
    /// <inheritdoc/>
    public override string Id => "C7";

    /// <inheritdoc/>
    public override string Title => "Word LSTM: Embedding (from C6's vectors) → LSTM(128) → softmax; 10 epochs";

    /// <inheritdoc/>
    public override string Reference => "book: train 0.50, test 0.40 (nb 0.403)";

    /// <summary>The network over sequences of <paramref name="length"/> word ids.</summary>
    public static Model Build(int vocabulary, int dim, int length, int classes)
    {
        var input = new Input([length], "lstm_input");
        var x = new Embedding(vocabulary, dim, name: "lstm_embedding").Call(input);
        x = new Lstm(128, name: "lstm").Call(x);
        return new Model(input, new Dense(classes, "softmax", name: "lstm_predictions").Call(x), "lstm_model");
    }

    /// <summary>C7's trained network, trained once per run (C8 and C9 reuse it).</summary>
    public static TrainedNetwork Trained(ExperimentContext context)
        => context.Shared("emoji.C7", () => WordCnn.TrainWordModel(context, "C7", "lstm_embedding", Build));

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return NetworkTraining.Result(context, NetworkData.Load(context), Trained(context), Reference);
    }
}

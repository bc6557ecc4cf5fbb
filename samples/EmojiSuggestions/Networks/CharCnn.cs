using DeepSeq.Layers;
using DeepSeq.Samples.Experiments;

namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>
/// C3, the book's character CNN on one-hot characters: Conv1D(128, 6, relu) → MaxPooling1D(6) → Conv1D(256, 6,
/// relu) → MaxPooling1D(6) → Flatten → Dense(128, relu, L2 0.01) → Dense(classes, softmax); rmsprop, sparse
/// categorical crossentropy, 20 epochs of batches of 1,024 on the first 90 % of the tweets, tested on the rest.
/// </summary>
/// <remarks>On the emotion tweets the encoding is the book's, 167 × 100, so the count is the book's 373,901;
/// elsewhere it differs through the characters, the length and the classes only (<see cref="ParameterCount"/>).
/// The batches are one-hot encoded as they are drawn (<see cref="TweetBatches.Shuffled"/>, what <c>fit</c>'s
/// shuffle feeds), since all 36,000 at once would take 2.4 GB.</remarks>
public sealed class CharCnn : Experiment
{
    /// <summary>The batch size.</summary>
    public const int BatchSize = 1024;

    /// <inheritdoc/>
    public override string Id => "C3";

    /// <inheritdoc/>
    public override string Title => "Character CNN: one-hot chars, Conv1D(128,6) → pool 6 → Conv1D(256,6) → pool 6 " +
                                    "→ Dense(128, L2) → softmax; 90/10 unshuffled split, 20 epochs, batch 1024";

    /// <inheritdoc/>
    public override string Reference => "373,901 params; train ≈ 0.39, test ≈ 0.31 (nb 0.305)";

    /// <summary>The network for one-hot inputs of <paramref name="length"/> × <paramref name="chars"/>; its input is
    /// named <c>char_cnn_input</c>, its output <c>char_cnn_predictions</c> (the names C9 uses).</summary>
    public static Model Build(int chars, int length, int classes)
    {
        var input = new Input([length, chars], "char_cnn_input");
        var x = new Conv1D(128, 6, activation: "relu", name: "char_cnn_conv_1").Call(input);
        x = new MaxPooling1D(6, name: "char_cnn_pool_1").Call(x);
        x = new Conv1D(256, 6, activation: "relu", name: "char_cnn_conv_2").Call(x);
        x = new MaxPooling1D(6, name: "char_cnn_pool_2").Call(x);
        x = new Flatten(name: "char_cnn_flatten").Call(x);
        x = new Dense(128, "relu", kernelRegularizer: Regularizer.L2(0.01), name: "char_cnn_dense").Call(x);
        var output = new Dense(classes, "softmax", name: "char_cnn_predictions").Call(x);
        return new Model(input, output, "char_cnn");
    }

    /// <summary>The parameters of <see cref="Build"/> by formula: each convolution 6 · in · out + out, the Dense
    /// layers in · out + out, with ⌊(⌊(length − 5) / 6⌋ − 5) / 6⌋ steps of 256 filters flattened.</summary>
    public static long ParameterCount(int chars, int length, int classes)
    {
        long steps = ((length - 5) / 6 - 5) / 6;
        return 6L * chars * 128 + 128 + 6 * 128 * 256 + 256 + steps * 256 * 128 + 128 + 128L * classes + classes;
    }

    /// <summary>C3's trained network, trained once per run (C8 and C9 reuse it).</summary>
    public static TrainedNetwork Trained(ExperimentContext context) => context.Shared("emoji.C3", () =>
    {
        var data = NetworkData.Load(context);
        Session.SetRandomSeed((ulong)context.Seed);
        var model = Build(data.Characters.Chars.Count, data.Characters.Length, data.Classes);
        var (batches, steps) = NetworkTraining.Shuffled(context, data, BatchSize, data.CharacterBatch);
        return NetworkTraining.Train(context, "C3", model, data, data.CharacterBatch, batches, steps,
            context.Epochs(20, 2));
    });

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trained = Trained(context);
        return NetworkTraining.Result(context, NetworkData.Load(context), trained, "373,901 params; 0.39 / 0.31");
    }
}

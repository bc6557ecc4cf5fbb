using DeepSeq.Layers;
using DeepSeq.Layers.Optimizers;

namespace DeepSeq.Samples.TextAndSequences;

/// <summary>
/// B2, a learned embedding: Embedding(10000, 8) on the <em>last</em> 20 words of each review (Keras pads and cuts in
/// front) → Flatten → Dense(1, sigmoid): 80,161 parameters; RMSprop, batch 32, 10 epochs.
/// </summary>
public sealed class ImdbEmbeddingFlatten : ImdbSequenceExperiment
{
    /// <inheritdoc/>
    public override string Id => "B2";
    /// <inheritdoc/>
    public override string Title => "IMDB: Embedding(10000, 8) on 20 words → Flatten → Dense(1, sigmoid), RMSprop, " +
                                    "batch 32, 10 epochs, validation_split 0.2";
    /// <inheritdoc/>
    public override string Reference => "80,161 params; val acc ≈ 0.76";
    /// <inheritdoc/>
    public override int MaxLen => 20;
    /// <inheritdoc/>
    public override int BatchSize => 32;
    /// <inheritdoc/>
    public override long ExpectedParams => 80_161;

    /// <inheritdoc/>
    public override Sequential Build() => Compiled(new RmsProp(), new InputLayer([MaxLen]),
        new Embedding(NumWords, 8), new Flatten(), new Dense(1, "sigmoid"));
}

/// <summary>B5: Embedding(10000, 32) → SimpleRNN(32) → Dense(1, sigmoid) on 500 words: 322,113 parameters; RMSprop,
/// batch 128, 10 epochs.</summary>
public sealed class ImdbSimpleRnn : ImdbSequenceExperiment
{
    /// <inheritdoc/>
    public override string Id => "B5";
    /// <inheritdoc/>
    public override string Title => "IMDB: Embedding(10000, 32) → SimpleRNN(32) → Dense(1, sigmoid), maxlen 500, " +
                                    "RMSprop, batch 128, 10 epochs, validation_split 0.2";
    /// <inheritdoc/>
    public override string Reference => "322,113 params; val acc ≈ 0.85 (notebook 0.846)";
    /// <inheritdoc/>
    public override long ExpectedParams => 322_113;

    /// <inheritdoc/>
    public override Sequential Build() => Compiled(new RmsProp(), new InputLayer([MaxLen]),
        new Embedding(NumWords, 32), new SimpleRnn(32), new Dense(1, "sigmoid"));
}

/// <summary>
/// B7, the book's LSTM: Embedding(10000, 32) → LSTM(32) → Dense(1, sigmoid): 328,353 parameters; as B5.
/// </summary>
/// <remarks>The LSTM uses TF2's defaults (sigmoid gates); the book's Keras 2 used hard_sigmoid, which
/// <c>new Lstm(32, recurrentActivation: "hard_sigmoid")</c> gives.</remarks>
public sealed class ImdbLstm : ImdbSequenceExperiment
{
    /// <inheritdoc/>
    public override string Id => "B7";
    /// <inheritdoc/>
    public override string Title => "IMDB: Embedding(10000, 32) → LSTM(32) → Dense(1, sigmoid), maxlen 500, " +
                                    "RMSprop, batch 128, 10 epochs, validation_split 0.2";
    /// <inheritdoc/>
    public override string Reference => "328,353 params; val acc ≈ 0.89 (notebook 0.893)";
    /// <inheritdoc/>
    public override long ExpectedParams => 328_353;

    /// <inheritdoc/>
    public override Sequential Build() => Compiled(new RmsProp(), new InputLayer([MaxLen]),
        new Embedding(NumWords, 32), new Lstm(32), new Dense(1, "sigmoid"));
}

/// <summary>
/// B13 on IMDB: every review reversed (the book's <c>x[::-1]</c>, before padding), Embedding(10000, 128) → LSTM(32)
/// → Dense(1, sigmoid): 1,300,641 parameters; as B7. Word order matters little to sentiment, so reading backwards
/// should do about as well as B7 (unlike the weather, where the recent past matters most).
/// </summary>
public sealed class ImdbReversedLstm : ImdbSequenceExperiment
{
    /// <inheritdoc/>
    public override string Id => "B13";
    /// <inheritdoc/>
    public override string Title => "IMDB reversed: Embedding(10000, 128) → LSTM(32) → Dense(1, sigmoid) on the " +
                                    "reviews read backwards, as B7";
    /// <inheritdoc/>
    public override string Reference => "1,300,641 params; val acc ≈ B7 (notebook 0.877)";
    /// <inheritdoc/>
    public override bool Reversed => true;
    /// <inheritdoc/>
    public override long ExpectedParams => 1_300_641;

    /// <inheritdoc/>
    public override Sequential Build() => Compiled(new RmsProp(), new InputLayer([MaxLen]),
        new Embedding(NumWords, 128), new Lstm(32), new Dense(1, "sigmoid"));
}

/// <summary>
/// B14 on IMDB: Embedding(10000, 32) → Bidirectional(LSTM(32)) → Dense(1, sigmoid): 336,705 parameters; as B7. The
/// book finds it about as good as B7 and quicker to overfit.
/// </summary>
public sealed class ImdbBidirectionalLstm : ImdbSequenceExperiment
{
    /// <inheritdoc/>
    public override string Id => "B14";
    /// <inheritdoc/>
    public override string Title => "IMDB: Embedding(10000, 32) → Bidirectional(LSTM(32)) → Dense(1, sigmoid), " +
                                    "as B7";
    /// <inheritdoc/>
    public override string Reference => "336,705 params; val acc ≈ 0.89, overfits faster";
    /// <inheritdoc/>
    public override long ExpectedParams => 336_705;

    /// <inheritdoc/>
    public override Sequential Build() => Compiled(new RmsProp(), new InputLayer([MaxLen]),
        new Embedding(NumWords, 32), new Bidirectional(new Lstm(32)), new Dense(1, "sigmoid"));
}

/// <summary>
/// B15, a 1D convnet: Embedding(10000, 128) → Conv1D(32, 7, relu) → MaxPooling1D(5) → Conv1D(32, 7, relu) →
/// GlobalMaxPooling1D → Dense(1, sigmoid): 1,315,937 parameters; RMSprop lr 1e-4, batch 128, 10 epochs.
/// </summary>
/// <remarks>The book's last Dense has no activation under binary crossentropy (Keras then clips the raw outputs into
/// (0, 1), a silent slip); we use the sigmoid the loss assumes.</remarks>
public sealed class ImdbConvnet : ImdbSequenceExperiment
{
    /// <inheritdoc/>
    public override string Id => "B15";
    /// <inheritdoc/>
    public override string Title => "IMDB 1D convnet: Embedding(10000, 128) → Conv1D(32, 7) → MaxPooling1D(5) → " +
                                    "Conv1D(32, 7) → GlobalMaxPooling1D → Dense(1, sigmoid), RMSprop 1e-4";
    /// <inheritdoc/>
    public override string Reference => "1,315,937 params; slightly below B7 but faster (notebook peak 0.838)";
    /// <inheritdoc/>
    public override long ExpectedParams => 1_315_937;

    /// <inheritdoc/>
    public override Sequential Build() => Compiled(new RmsProp(1e-4), new InputLayer([MaxLen]),
        new Embedding(NumWords, 128), new Conv1D(32, 7, activation: "relu"), new MaxPooling1D(5),
        new Conv1D(32, 7, activation: "relu"), new GlobalMaxPooling1D(), new Dense(1, "sigmoid"));
}

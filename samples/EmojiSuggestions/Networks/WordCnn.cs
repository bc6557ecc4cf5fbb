using DeepSeq.Layers;
using DeepSeq.Samples.Experiments;

namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>
/// C5, the book's word CNN on pretrained vectors: input <c>cnn_input</c> (word ids) → Embedding <c>cnn_embedding</c>
/// initialised from word vectors (words without one → zero rows), trainable; for windows 2 and 3: Conv1D(128, w,
/// relu) → MaxPooling1D(2) → Conv1D(256, w, relu) → MaxPooling1D(2) → Conv1D(256, w, relu) → GlobalMaxPooling1D; the
/// two concatenated → Dense(128, elu) → Dense(classes, softmax) <c>cnn_predictions</c>.
/// </summary>
/// <remarks>The book used GoogleNews word2vec (300-d), not available here: the vectors are C6's, our word2vec
/// trained on these tweets (100-d), and the run says so. The row gives no epochs or batch size: C7's 10 epochs and
/// Keras's default batch of 32 are used (rmsprop, sparse categorical crossentropy, as everywhere in the chapter).
/// </remarks>
public sealed class WordCnn : Experiment
{
    /// <summary>The batch size of the word models (Keras's default).</summary>
    public const int BatchSize = 32;

    /// <inheritdoc/>
    public override string Id => "C5";

    /// <inheritdoc/>
    public override string Title => "Word CNN (windows 2 and 3) on a trainable Embedding initialised from C6's " +
                                    "word2vec (the book: GoogleNews)";

    /// <inheritdoc/>
    public override string Reference => "book (GoogleNews word2vec 300-d): trainable ≈ 0.36, frozen worse";

    /// <summary>The network over sequences of <paramref name="length"/> word ids below
    /// <paramref name="vocabulary"/>, its embedding <paramref name="dim"/> wide.</summary>
    public static Model Build(int vocabulary, int dim, int length, int classes)
    {
        var input = new Input([length], "cnn_input");
        var embedding = new Embedding(vocabulary, dim, name: "cnn_embedding").Call(input);
        var branches = new[] { 2, 3 }.Select(w =>
        {
            var x = new Conv1D(128, w, activation: "relu", name: $"cnn_conv_{w}_1").Call(embedding);
            x = new MaxPooling1D(2, name: $"cnn_pool_{w}_1").Call(x);
            x = new Conv1D(256, w, activation: "relu", name: $"cnn_conv_{w}_2").Call(x);
            x = new MaxPooling1D(2, name: $"cnn_pool_{w}_2").Call(x);
            x = new Conv1D(256, w, activation: "relu", name: $"cnn_conv_{w}_3").Call(x);
            return new GlobalMaxPooling1D(name: $"cnn_global_pool_{w}").Call(x);
        }).ToArray();
        var merged = new Concatenate(name: "cnn_concatenate").Call(branches)[0];
        merged = new Dense(128, "elu", name: "cnn_dense").Call(merged);
        return new Model(input, new Dense(classes, "softmax", name: "cnn_predictions").Call(merged), "cnn");
    }

    /// <summary>Trains a word model built by <paramref name="build"/> (vocabulary, dim, length, classes) with its
    /// embedding layer <paramref name="embedding"/> set to C6's vectors; C5 and C7 share this.</summary>
    public static TrainedNetwork TrainWordModel(ExperimentContext context, string id, string embedding,
        Func<int, int, int, int, Model> build)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(build);
        var data = NetworkData.Load(context);
        var vectors = TweetWord2Vec.Trained(context);
        Session.SetRandomSeed((ulong)context.Seed);
        var model = build(data.Vocabulary, vectors.VectorSize, data.Words.Shape[1], data.Classes);
        var matrix = vectors.ToMatrix(data.Tokenizer.WordIndex, data.Vocabulary);
        model.GetLayer(embedding).SetWeights([matrix]);
        int found = data.Tokenizer.WordIndex.Count(p => p.Value < data.Vocabulary && vectors.Contains(p.Key));
        context.Output.WriteLine($"{id}: {embedding} initialised from C6's word2vec trained on these tweets " +
                                 $"({vectors.VectorSize}-d; the book used GoogleNews word2vec, not available here): " +
                                 $"{found:N0} of {data.Vocabulary - 1:N0} words have a vector, the rest zero rows");
        var (batches, steps) = NetworkTraining.Shuffled(context, data, BatchSize, data.WordBatch);
        return NetworkTraining.Train(context, id, model, data, data.WordBatch, batches, steps, context.Epochs(10, 2));
    }

    /// <summary>C5's trained network, trained once per run (C8 and C9 reuse it).</summary>
    public static TrainedNetwork Trained(ExperimentContext context)
        => context.Shared("emoji.C5", () => TrainWordModel(context, "C5", "cnn_embedding", Build));

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return NetworkTraining.Result(context, NetworkData.Load(context), Trained(context), Reference);
    }
}

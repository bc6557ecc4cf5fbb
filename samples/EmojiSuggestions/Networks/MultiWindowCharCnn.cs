using System.Globalization;
using DeepSeq.Layers;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>
/// C4, the book's multi-window character CNN: for windows 4, 5 and 6 a branch Conv1D(128, w, relu) →
/// MaxPooling1D(4) → Dropout → Conv1D(256, w, relu) → MaxPooling1D(4) → Dropout; the branches concatenated along
/// time (axis 1) → Dropout → Flatten → Dense(128, relu) → Dense(classes, softmax). Fed by a generator of random
/// batches (the book's <c>random.sample</c>), validated on random test batches; trained once without dropout
/// (rate 0) and once with 0.2.
/// </summary>
/// <remarks>The batch size and epochs are C3's (1,024 and 20): the row gives none. With rate 0 the Dropout layers
/// stay in the model (as the book's <c>drop_out=0</c> leaves them) and pass their input through.</remarks>
public sealed class MultiWindowCharCnn : Experiment
{
    /// <summary>The branches' window sizes.</summary>
    public static readonly int[] Windows = [4, 5, 6];

    /// <summary>The two dropout rates compared.</summary>
    public static readonly double[] Rates = [0.0, 0.2];

    /// <inheritdoc/>
    public override string Id => "C4";

    /// <inheritdoc/>
    public override string Title => "Multi-window char CNN (windows 4, 5, 6, concatenated), generator-fed; " +
                                    "without dropout and with 0.2";

    /// <inheritdoc/>
    public override string Reference => "1,538,445 params on 13 classes; book: 0.47 / 0.37 without dropout, " +
                                        "0.43 / 0.39 with";

    /// <summary>The network for one-hot inputs of <paramref name="length"/> × <paramref name="chars"/>.</summary>
    public static Model Build(int chars, int length, int classes, double dropout)
    {
        var input = new Input([length, chars], "char_cnn_multi_input");
        var branches = Windows.Select(w =>
        {
            var x = new Conv1D(128, w, activation: "relu", name: $"conv_{w}_1").Call(input);
            x = new MaxPooling1D(4, name: $"pool_{w}_1").Call(x);
            x = new Dropout(dropout, name: $"dropout_{w}_1").Call(x);
            x = new Conv1D(256, w, activation: "relu", name: $"conv_{w}_2").Call(x);
            x = new MaxPooling1D(4, name: $"pool_{w}_2").Call(x);
            return new Dropout(dropout, name: $"dropout_{w}_2").Call(x);
        }).ToArray();
        var merged = new Concatenate(axis: 1, name: "concatenate").Call(branches)[0];
        merged = new Dropout(dropout, name: "dropout").Call(merged);
        merged = new Flatten(name: "flatten").Call(merged);
        merged = new Dense(128, "relu", name: "dense").Call(merged);
        return new Model(input, new Dense(classes, "softmax", name: "predictions").Call(merged), "char_cnn_multi");
    }

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = NetworkData.Load(context);
        var table = new TextTable("dropout", "params", "train acc", "test acc", "seconds");
        var metrics = new Dictionary<string, double>();
        // --quick: two steps of 128 tweets an epoch, so that the 1.1-million-parameter network takes seconds.
        int epochs = context.Epochs(20, 2), batch = context.Size(CharCnn.BatchSize, 128);
        int steps = context.Size(TweetBatches.Steps(data.Train.Length, batch), 2);
        foreach (double rate in Rates)
        {
            Session.SetRandomSeed((ulong)context.Seed);
            var model = Build(data.Characters.Chars.Count, data.Characters.Length, data.Classes, rate);
            string name = $"C4_dropout_{rate.ToString("0.0", CultureInfo.InvariantCulture)}";
            var trained = NetworkTraining.Train(context, name, model, data, data.CharacterBatch,
                TweetBatches.Random(data, data.Train, batch, false, context.Seed, data.CharacterBatch), steps, epochs,
                TweetBatches.Random(data, data.Test, batch, false, context.Seed + 1, data.CharacterBatch),
                TweetBatches.Steps(data.Test.Length, batch));
            table.Add(rate.ToString("0.0", CultureInfo.InvariantCulture), $"{model.CountParams():N0}",
                $"{trained.TrainAccuracy:F3}", $"{trained.TestAccuracy:F3}", $"{trained.Seconds:F0}");
            foreach (var (key, value) in trained.Metrics()) metrics[$"{name[3..]}_{key}"] = value;
        }
        table.Write(context.Output);
        context.Output.WriteLine("book (121 emoji classes): 0.47 / 0.37 without dropout, 0.43 / 0.39 with 0.2");
        return new ExperimentResult(data.Tweets.Origin, metrics, epochs);
    }
}

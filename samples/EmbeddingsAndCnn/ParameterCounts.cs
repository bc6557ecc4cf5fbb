using System.Globalization;
using DeepSeq.Layers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmbeddingsAndCnn;

/// <summary>
/// D1, parameter counting: the homework's network on a (30, 30, 3) input, three Conv2D layers each followed by a
/// 2 × 2 max-pool of stride 1, flattened into Dense(128); and an Embedding(1000, 256) on length-20 input. Each count
/// is (kernel height · kernel width · input channels + 1) · filters for a Conv2D, (inputs + 1) · units for a Dense
/// and vocabulary · dimensions for an Embedding; pooling and flattening have none.
/// </summary>
/// <remarks>The homework's own answer for the third Conv2D, 294,912, leaves out its 256 biases; Keras (and we)
/// count 295,168. SimpleRNN(128) on the embedded sequence has (256 + 128 + 1)·128 = 49,280: W (256, 128),
/// U (128, 128) and b (128).</remarks>
public sealed class ParameterCounts : Experiment
{
    /// <inheritdoc/>
    public override string Id => "D1";

    /// <inheritdoc/>
    public override string Title =>
        "parameter counting with Summary(): (30,30,3) → 3 × [Conv2D → MaxPool(2, stride 1)] → Flatten → " +
        "Dense(128); Embedding(1000, 256) on length 20";

    /// <inheritdoc/>
    public override string Reference =>
        "9,472; 204,928; 295,168; 7,372,928; total 7,882,496; Embedding 256,000; SimpleRNN 49,280";

    /// <summary>The homework's network: Conv2D(64, 7×7), Conv2D(128, 5×5), Conv2D(256, 3×3), each followed by
    /// MaxPooling2D((2, 2), strides (1, 1)), then Flatten and Dense(128); valid padding, no activations (the
    /// homework only counts).</summary>
    public static Sequential ConvNetwork() => new(new InputLayer([30, 30, 3]),
        new Conv2D(64, (7, 7)), new MaxPooling2D((2, 2), strides: (1, 1)),
        new Conv2D(128, (5, 5)), new MaxPooling2D((2, 2), strides: (1, 1)),
        new Conv2D(256, (3, 3)), new MaxPooling2D((2, 2), strides: (1, 1)),
        new Flatten(), new Dense(128));

    /// <summary>Embedding(1000, 256) on sequences of 20 word ids (output (None, 20, 256)), then SimpleRNN(128)
    /// (output (None, 128)).</summary>
    public static Sequential EmbeddingNetwork() =>
        new(new InputLayer([20]), new Embedding(1000, 256), new SimpleRnn(128));

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        var output = context.Output;
        Session.SetRandomSeed((ulong)context.Seed);
        var conv = ConvNetwork();
        output.WriteLine("The homework's convolutional network:");
        conv.Summary(output);
        var embedding = EmbeddingNetwork();
        output.WriteLine("Embedding(1000, 256) on length-20 input, then SimpleRNN(128):");
        embedding.Summary(output);

        var table = new TextTable("layer", "output shape", "params", "by hand");
        foreach (var layer in conv.Layers.Concat(embedding.Layers))
            table.Add(layer.Name, layer.OutputShapes![0].ToString(), N(layer.CountParams()), ByHand(layer));
        table.Write(output);

        var metrics = new Dictionary<string, double>
        {
            ["conv_total_params"] = conv.CountParams(),
            ["embedding_params"] = embedding.Layers.OfType<Embedding>().Single().CountParams(),
            ["simple_rnn_params"] = embedding.Layers.OfType<SimpleRnn>().Single().CountParams(),
        };
        var convs = conv.Layers.OfType<Conv2D>().ToList();
        for (int i = 0; i < convs.Count; i++) metrics[$"conv{i + 1}_params"] = convs[i].CountParams();
        metrics["dense_params"] = conv.Layers.OfType<Dense>().Single().CountParams();
        return new ExperimentResult(new DataOrigin("none", false, null, "no data: parameter counts only"), metrics, 0);
    }

    /// <summary>The count written out as the formula that gives it.</summary>
    private static string ByHand(Layer layer) => layer switch
    {
        Conv2D c => $"({c.KernelSize.H}·{c.KernelSize.W}·{c.BuiltInputShapes![0][-1]} + 1)·{c.Filters}",
        Dense d => $"({d.BuiltInputShapes![0][-1]} + 1)·{d.Units}",
        Embedding e => $"{e.InputDim}·{e.OutputDim}",
        SimpleRnn r => $"({r.BuiltInputShapes![0][-1]} + {r.Units} + 1)·{r.Units}",
        _ => "0",
    };

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

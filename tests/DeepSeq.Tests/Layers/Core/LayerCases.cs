using System.Numerics;
using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Core;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// One layer configuration for the generic layer tests (<see cref="LayerContractTests"/>): how to make the layer,
/// the shapes of the samples it is called on, and the parameter count Keras's formula gives for them.
/// </summary>
/// <param name="Name">the case's name (the xunit theory data)</param>
/// <param name="Create">makes a fresh layer; the dtype is the one a model-as-layer must fix in its <see cref="Input"/></param>
/// <param name="SampleShapes">one sample shape per layer input (the batch axis is added)</param>
/// <param name="ExpectedParams">Keras's parameter count for these inputs</param>
/// <param name="IdRange">0 for real inputs; n for integer ids in [0, n) (an Embedding's), which are not differentiated</param>
/// <param name="Training">call in training mode (Dropout's mask); such a layer is remade from the same seed for every call</param>
public sealed record LayerCase(string Name, Func<Type, Layer> Create, int[][] SampleShapes, long ExpectedParams, int IdRange = 0, bool Training = false)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Every layer type of src/Layers/Core, Convolutional, Pooling, Recurrent, Merge and Models, in the configurations the
/// generic tests run.</summary>
public static class LayerCases
{
    private const int In = 5, Units = 3;

    /// <summary>Dense(in → units) has in·units + units parameters with a bias, in·units without (Keras).</summary>
    private static long DenseParams(int inputs, int units, bool bias = true) => (long)inputs * units + (bias ? units : 0);

    public static readonly IReadOnlyList<LayerCase> All =
    [
        .. Activations.Names.Select(a => new LayerCase($"dense_{a}", _ => new Dense(Units, a), [[In]], DenseParams(In, Units))),
        new("dense_no_bias", _ => new Dense(4, useBias: false), [[In]], DenseParams(In, 4, bias: false)),
        new("dense_l2", _ => new Dense(Units, "tanh", kernelRegularizer: Regularizer.L2(0.01)), [[In]], DenseParams(In, Units)),
        new("dense_rank3", _ => new Dense(Units, "sigmoid"), [[2, In]], DenseParams(In, Units)),
        .. Activations.Names.Select(a => new LayerCase($"activation_{a}", _ => new Activation(a), [[2, 3]], 0)),
        new("dropout_inference", _ => new Dropout(0.5), [[6]], 0),
        new("dropout_training", _ => new Dropout(0.3), [[2, 6]], 0, Training: true),
        new("flatten", _ => new Flatten(), [[2, 3, 2]], 0),
        new("masking", _ => new Masking(), [[3, 2]], 0),
        new("reshape", _ => new Reshape([3, -1]), [[2, 3, 2]], 0),
        new("embedding", _ => new Embedding(7, 3), [[4]], 7 * 3, IdRange: 7),
        new("embedding_input_length", _ => new Embedding(7, 3, inputLength: 4), [[4]], 7 * 3, IdRange: 7),
        new("embedding_mask_zero", _ => new Embedding(7, 3, maskZero: true), [[4]], 7 * 3, IdRange: 7),
        // Convolutions: Keras's (∏kernel · in + 1) · filters, or without the + 1 when there is no bias.
        new("conv1d_valid", _ => new Conv1D(3, 2), [[5, 2]], (2 * 2 + 1) * 3),
        new("conv1d_same_strided", _ => new Conv1D(2, 3, strides: 2, padding: "same"), [[5, 3]], (3 * 3 + 1) * 2),
        new("conv1d_causal_dilated", _ => new Conv1D(2, 2, padding: "causal", dilationRate: 2, activation: "tanh"),
            [[5, 2]], (2 * 2 + 1) * 2),
        new("conv2d_valid", _ => new Conv2D(2, (2, 3)), [[4, 5, 2]], (2 * 3 * 2 + 1) * 2),
        new("conv2d_same_strided_no_bias", _ => new Conv2D(3, (3, 3), strides: (2, 2), padding: "same",
            useBias: false), [[5, 4, 2]], 3 * 3 * 2 * 3),
        new("conv2d_dilated_l2", _ => new Conv2D(2, (2, 2), dilationRate: (2, 1), activation: "sigmoid",
            kernelRegularizer: Regularizer.L2(0.01)), [[5, 4, 1]], (2 * 2 * 1 + 1) * 2),
        new("max_pooling1d", _ => new MaxPooling1D(), [[5, 2]], 0),
        new("max_pooling1d_same_strided", _ => new MaxPooling1D(3, 2, "same"), [[5, 2]], 0),
        new("average_pooling1d_overlapping", _ => new AveragePooling1D(2, 1), [[4, 3]], 0),
        new("max_pooling2d", _ => new MaxPooling2D(), [[4, 5, 2]], 0),
        new("average_pooling2d_same", _ => new AveragePooling2D((3, 2), (2, 2), "same"), [[5, 4, 2]], 0),
        new("global_max_pooling1d", _ => new GlobalMaxPooling1D(), [[4, 3]], 0),
        new("global_average_pooling1d", _ => new GlobalAveragePooling1D(), [[4, 3]], 0),
        new("global_max_pooling2d", _ => new GlobalMaxPooling2D(), [[3, 3, 2]], 0),
        new("global_average_pooling2d_keepdims", _ => new GlobalAveragePooling2D(keepDims: true), [[3, 3, 2]], 0),
        // Recurrent: Keras's gates·units·(in + units + 1), the GRU with reset after + 1 more bias per gate unit.
        new("simple_rnn", _ => new SimpleRnn(Units), [[4, 2]], Units * (2 + Units + 1)),
        new("simple_rnn_sequences_backwards", _ => new SimpleRnn(Units, "relu", returnSequences: true,
            goBackwards: true), [[3, 2]], Units * (2 + Units + 1)),
        new("lstm", _ => new Lstm(Units), [[4, 2]], 4 * Units * (2 + Units + 1)),
        new("lstm_sequences_hard_sigmoid", _ => new Lstm(2, recurrentActivation: "hard_sigmoid",
            returnSequences: true), [[3, 2]], 4 * 2 * (2 + 2 + 1)),
        new("lstm_dropout", _ => new Lstm(Units, dropout: 0.3, recurrentDropout: 0.3),
            [[4, 2]], 4 * Units * (2 + Units + 1), Training: true),
        new("gru_reset_after_per_element_dropout", _ => new Gru(Units, dropout: 0.3)
            { InputDropoutMask = InputDropoutMask.PerElement }, [[4, 2]], 3 * Units * (2 + Units + 2), Training: true),
        new("gru_reset_after", _ => new Gru(Units), [[4, 2]], 3 * Units * (2 + Units + 2)),
        new("gru_reset_before", _ => new Gru(Units, resetAfter: false, returnSequences: true), [[4, 2]],
            3 * Units * (2 + Units + 1)),
        new("gru_reset_before_dropout_no_bias", _ => new Gru(2, resetAfter: false, useBias: false, dropout: 0.2,
            recurrentDropout: 0.4), [[3, 2]], 3 * 2 * (2 + 2), Training: true),
        new("bidirectional_lstm_concat", _ => new Bidirectional(new Lstm(2)), [[3, 2]], 2 * 4 * 2 * (2 + 2 + 1)),
        new("bidirectional_gru_sequences_ave", _ => new Bidirectional(new Gru(2, returnSequences: true), "ave"),
            [[3, 2]], 2 * 3 * 2 * (2 + 2 + 2)),
        new("bidirectional_lstm_initial_states_sum", _ => new Bidirectional(new Lstm(2), "sum"),
            [[3, 2], [2], [2], [2], [2]], 2 * 4 * 2 * (2 + 2 + 1)),
        // Transformers: LayerNormalization 2·features; MultiHeadAttention Keras's (d·h·k + h·k) per projection and
        // h·v·out + out for the output; a BERT block adds its norms and feed-forward layer.
        new("layer_normalization", _ => new LayerNormalization(epsilon: 1e-5, betaInitializer: "uniform",
            gammaInitializer: "uniform"), [[2, In]], 2 * In),
        new("layer_normalization_no_center", _ => new LayerNormalization(center: false, gammaInitializer: "uniform"), [[In]], In),
        new("multi_head_attention", _ => new MultiHeadAttention(2, 3), [[3, 4], [2, 4]],
            3 * (4 * 2 * 3 + 2 * 3) + 2 * 3 * 4 + 4),
        new("bert_block", _ => new BertBlock(new BertConfig(HiddenSize: 4, NumHeads: 2, IntermediateSize: 3)),
            [[3, 4]], 3 * (4 * 4 + 4) + 4 * 4 + 4 + 2 * 4 + DenseParams(4, 3) + DenseParams(3, 4) + 2 * 4),
        new("add", _ => new Add(), [[2, 3], [2, 3]], 0),
        new("multiply", _ => new Multiply(), [[4], [4], [4]], 0),
        new("average", _ => new Average(), [[3], [3], [3]], 0),
        new("concatenate_last", _ => new Concatenate(), [[2, 3], [2, 4]], 0),
        new("concatenate_axis1", _ => new Concatenate(axis: 1), [[2, 3], [1, 3]], 0),
        new("functional_model", dtype =>
        {
            var input = new Input([4], dtype: dtype);
            var output = new Dense(2).Call(new Dense(Units, "tanh").Call(input));
            return new Model(input, output);
        }, [[4]], DenseParams(4, Units) + DenseParams(Units, 2)),
        new("sequential", _ => new Sequential(new Dense(Units, "sigmoid"), new Dense(2)), [[4]], DenseParams(4, Units) + DenseParams(Units, 2)),
    ];

    /// <summary>A functional model of two inputs used as a layer (kept apart: such a model cannot be built yet, see its test).</summary>
    public static readonly LayerCase TwoInputModel = new("functional_two_inputs", dtype =>
    {
        var a = new Input([4], dtype: dtype);
        var b = new Input([2], dtype: dtype);
        var joined = new Concatenate().Call([new Dense(Units, "elu").Call(a), b])[0];
        return new Model([a, b], [new Dense(1, "sigmoid").Call(joined)]);
    }, [[4], [2]], DenseParams(4, Units) + DenseParams(Units + 2, 1));

    /// <summary>The case names, as xunit theory data.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var c in All) data.Add(c.Name);
            return data;
        }
    }

    /// <summary>The case named <paramref name="name"/>.</summary>
    public static LayerCase Get(string name) => All.Single(c => c.Name == name);

    /// <summary>
    /// A batch of <paramref name="batch"/> samples of <paramref name="sample"/> for the case: ids in [0, IdRange) (zero
    /// included, the padding id), or reals ±[0.5, 2] — away from relu's kink at 0 and from saturation.
    /// </summary>
    public static Tensor<T> Batch<T>(LayerCase c, int batch, int[] sample, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int[] shape = [batch, .. sample];
        int size = shape.Aggregate(1, (p, d) => p * d);
        var values = new T[size];
        for (int i = 0; i < size; i++)
            values[i] = T.CreateChecked(c.IdRange > 0
                ? random.Next(c.IdRange)
                : (random.Next(2) == 0 ? -1 : 1) * (0.5 + 1.5 * random.NextDouble()));
        return Tensor.FromArray<T>(values, shape);
    }
}

using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Embedding(input_dim, output_dim, embeddings_initializer="uniform", mask_zero=False, input_length=None)</c>:
/// turns integer ids into dense vectors by row lookup, out[…, :] = E[id, :], E of shape (input_dim, output_dim).
/// </summary>
/// <remarks>
/// <para>Ids arrive as floats (Keras casts its input to int32 the same way): every id must lie in [0, input_dim),
/// checked at every call — an out-of-range id is an error here, as on Keras's CPU path, not a silent zero row.</para>
/// <para>The gradient is a scatter-add of the output gradient into the rows that were looked up.</para>
/// <para><c>maskZero</c> makes id 0 padding: the layer emits a mask (id ≠ 0) that later layers must accept
/// (<see cref="Layer.SupportsMasking"/>); input_dim must then count the padding id too, as in Keras.</para>
/// <para>Keras's default initialiser "uniform" is U(−0.05, 0.05). Freeze the table
/// (pretrained GloVe vectors) with <see cref="Layer.Trainable"/> = false.</para>
/// </remarks>
public sealed class Embedding : Layer
{
    /// <summary>An embedding of <paramref name="inputDim"/> ids into <paramref name="outputDim"/> dimensions.</summary>
    /// <param name="inputDim">vocabulary size: ids are 0 … inputDim − 1</param>
    /// <param name="outputDim">vector size</param>
    /// <param name="embeddingsInitializer">initialiser of the table</param>
    /// <param name="maskZero">treat id 0 as padding and emit a mask</param>
    /// <param name="inputLength">the fixed sequence length, when there is one (Keras 2's input_length; needed before
    /// Flatten)</param>
    /// <param name="name">layer name</param>
    public Embedding(int inputDim, int outputDim, string embeddingsInitializer = "uniform", bool maskZero = false,
        int? inputLength = null, string? name = null) : base(name)
    {
        if (inputDim < 1) throw new ArgumentException($"{Name}: input_dim must be at least 1, got {inputDim}");
        if (outputDim < 1) throw new ArgumentException($"{Name}: output_dim must be at least 1, got {outputDim}");
        if (inputLength is < 1)
            throw new ArgumentException($"{Name}: input_length must be at least 1, got {inputLength}");
        InputDim = inputDim;
        OutputDim = outputDim;
        EmbeddingsInitializer = CheckedInitializer(embeddingsInitializer);
        MaskZero = maskZero;
        InputLength = inputLength;
    }

    /// <summary>Vocabulary size.</summary>
    public int InputDim { get; }

    /// <summary>Vector size.</summary>
    public int OutputDim { get; }

    /// <summary>Initialiser of the table.</summary>
    public string EmbeddingsInitializer { get; }

    /// <summary>Whether id 0 is padding.</summary>
    public bool MaskZero { get; }

    /// <summary>The fixed sequence length, if declared.</summary>
    public int? InputLength { get; }

    /// <summary>The table E, (input_dim, output_dim); null before the layer is built.</summary>
    public Weight? Embeddings { get; private set; }

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input)
    {
        if (input.Rank < 1) throw new ArgumentException($"{Name}: Embedding needs a batch axis, got {input}");
        var dims = input.Dims.ToArray();
        if (InputLength is int length)
        {
            if (input.Rank != 2)
                throw new ArgumentException(
                    $"{Name}: input_length is given, so inputs must be (batch, {length}), got {input}");
            if (dims[1] is int actual && actual != length)
                throw new ArgumentException($"{Name}: input_length is {length} but the input is {input}");
            dims[1] = length;
        }
        return new SymbolicShape([.. dims, OutputDim]);
    }

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => InputLength is null
            ? actual.Rank == built.Rank
            : actual.Rank == 2 && (actual[1] ?? InputLength) == InputLength;

    /// <inheritdoc/>
    protected override void Build(SymbolicShape input)
        => Embeddings = AddWeight("embeddings", [InputDim, OutputDim], EmbeddingsInitializer);

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training)
        => Embeddings!.Variable<T>().Take(Ids(x.Data), axis: 0);

    /// <inheritdoc/>
    public override Tensor<T>? ComputeMask<T>(Tensor<T> input, Tensor<T>? inputMask)
        => MaskZero ? input.NotEqual(input.Scalar(T.Zero)) : null;

    /// <summary>The ids as int32, after checking they are in range (two reductions, so the check runs on the data's
    /// device).</summary>
    private Tensor<int> Ids<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Size > 0)
        {
            double low = double.CreateChecked(x.Min().Item()), high = double.CreateChecked(x.Max().Item());
            if (!(low >= 0 && high < InputDim))
                throw new ArgumentException(
                    $"{Name}: ids must lie in [0, {InputDim}); this batch " +
                    $"of shape {x.Shape} holds ids from {low} to {high}");
        }
        return x.Cast<int>();
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig())
        {
            ["input_dim"] = InputDim, ["output_dim"] = OutputDim, ["embeddings_initializer"] = EmbeddingsInitializer,
            ["mask_zero"] = MaskZero, ["input_length"] = InputLength,
        };
}

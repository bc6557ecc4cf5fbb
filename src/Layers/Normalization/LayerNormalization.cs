using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>LayerNormalization(axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
/// gamma_initializer="ones")</c>: each sample normalised to mean 0 and variance 1 along one axis (the last by
/// default), then scaled and shifted, y = (x − μ) / √(σ² + ε) · γ + β, with μ and σ² the mean and the (biased, 1/n)
/// variance along that axis.
/// </summary>
/// <remarks>
/// <para>γ (<c>gamma</c>) and β (<c>beta</c>) have the size of the normalised axis, broadcast along the axes after
/// it: 2·features parameters with both,
/// none with neither. PyTorch's <c>nn.LayerNorm(features, eps=1e-5)</c> is the same layer with another default ε;
/// BERT uses ε = 1e-12 (its <c>weight</c> is γ, its <c>bias</c> β).</para>
/// <para>A composite of autograd ops (mean, subtract, multiply, sqrt, divide), the same steps as PyTorch's exported
/// graph, so its gradient needs no rule of its own. The axis counts the batch axis, as in Keras (for inputs
/// (batch, steps, features), −1 and 2 are the features, 1 and −2 the steps); it must be one axis after the batch
/// axis (Keras's list of axes is not supported).</para>
/// </remarks>
public sealed class LayerNormalization : Layer
{
    /// <summary>A layer normalisation along one axis.</summary>
    /// <param name="axis">the normalised axis, counting the batch axis; negative counts from the end; it must name
    /// an axis after the batch axis of the inputs (checked when the layer is built)</param>
    /// <param name="epsilon">ε added to the variance, &gt; 0; Keras's default 1e-3 (BERT: 1e-12)</param>
    /// <param name="center">add β</param>
    /// <param name="scale">multiply by γ</param>
    /// <param name="betaInitializer">initialiser of β</param>
    /// <param name="gammaInitializer">initialiser of γ</param>
    /// <param name="name">layer name; default <c>layer_normalization</c>, …</param>
    public LayerNormalization(int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        string betaInitializer = "zeros", string gammaInitializer = "ones", string? name = null) : base(name)
    {
        if (axis == 0)
            throw new ArgumentException($"{Name}: axis 0 is the batch axis; LayerNormalization normalises each sample");
        if (!(epsilon > 0)) throw new ArgumentException($"{Name}: epsilon must be positive, got {epsilon}");
        Axis = axis;
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = CheckedInitializer(betaInitializer);
        GammaInitializer = CheckedInitializer(gammaInitializer);
    }

    /// <summary>The normalised axis, as given (counting the batch axis; negative from the end).</summary>
    public int Axis { get; }

    /// <summary>ε added to the variance.</summary>
    public double Epsilon { get; }

    /// <summary>Whether β is added.</summary>
    public bool Center { get; }

    /// <summary>Whether the result is multiplied by γ.</summary>
    public bool Scale { get; }

    /// <summary>Initialiser of β.</summary>
    public string BetaInitializer { get; }

    /// <summary>Initialiser of γ.</summary>
    public string GammaInitializer { get; }

    /// <summary>γ (features); null before the layer is built or without scale.</summary>
    public Weight? Gamma { get; private set; }

    /// <summary>β (features); null before the layer is built or without center.</summary>
    public Weight? Beta { get; private set; }

    /// <summary>Passes a mask on unchanged (each step is normalised alone).</summary>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input)
    {
        if (input.Rank < 2)
            throw new ArgumentException($"{Name}: LayerNormalization needs inputs (batch, …, features), got {input}");
        input.Known(NormalizedAxis(input.Rank), Name);
        return input;
    }

    /// <summary><see cref="Axis"/> as a position in 1 … rank − 1; a clear error when it names no axis after the
    /// batch axis of inputs of rank <paramref name="rank"/>.</summary>
    private int NormalizedAxis(int rank)
    {
        int axis = Axis < 0 ? Axis + rank : Axis;
        return axis is >= 1 && axis < rank ? axis
            : throw new ArgumentException(
                $"{Name}: axis {Axis} names no axis after the batch axis of inputs of rank {rank} (1 … {rank - 1}, " +
                $"or −{rank - 1} … −1)");
    }

    /// <inheritdoc/>
    protected override void Build(SymbolicShape input)
    {
        int features = input.Known(NormalizedAxis(input.Rank), Name);
        if (Scale) Gamma = AddWeight("gamma", [features], GammaInitializer);
        if (Center) Beta = AddWeight("beta", [features], BetaInitializer);
    }

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training)
    {
        int axis = NormalizedAxis(x.Shape.Rank);
        var centered = x - x.Mean(axis, keepDims: true);
        var variance = (centered * centered).Mean(axis, keepDims: true);
        var y = centered / (variance + T.CreateChecked(Epsilon)).Sqrt();
        // γ and β (features) as (features, 1, …, 1): one value per position along the axis, whatever follows it.
        int[] along = [-1, .. Enumerable.Repeat(1, x.Shape.Rank - axis - 1)];
        if (Gamma is not null) y *= Gamma.Variable<T>().Reshape(along);
        if (Beta is not null) y += Beta.Variable<T>().Reshape(along);
        return y;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig())
        {
            ["axis"] = Axis, ["epsilon"] = Epsilon, ["center"] = Center, ["scale"] = Scale,
            ["beta_initializer"] = BetaInitializer, ["gamma_initializer"] = GammaInitializer,
        };
}

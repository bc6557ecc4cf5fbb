using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>LayerNormalization(axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
/// gamma_initializer="ones")</c>: each sample's last axis normalised to mean 0 and variance 1, then scaled and shifted,
/// y = (x − μ) / √(σ² + ε) · γ + β, with μ and σ² the mean and the (biased, 1/n) variance over the last axis.
/// </summary>
/// <remarks>
/// <para>γ (<c>gamma</c>) and β (<c>beta</c>) have the size of the last axis: 2·features parameters with both,
/// none with neither. PyTorch's <c>nn.LayerNorm(features, eps=1e-5)</c> is the same layer with another default ε;
/// BERT uses ε = 1e-12 (its <c>weight</c> is γ, its <c>bias</c> β).</para>
/// <para>A composite of autograd ops (mean, subtract, multiply, sqrt, divide), the same steps as PyTorch's exported
/// graph, so its gradient needs no rule of its own. Only the last axis is supported (Keras's default and what
/// transformers use).</para>
/// </remarks>
public sealed class LayerNormalization : Layer
{
    /// <summary>A layer normalisation over the last axis.</summary>
    /// <param name="axis">the normalised axis; only −1 (the last) is supported</param>
    /// <param name="epsilon">ε added to the variance, &gt; 0; Keras's default 1e-3 (BERT: 1e-12)</param>
    /// <param name="center">add β</param>
    /// <param name="scale">multiply by γ</param>
    /// <param name="betaInitializer">initialiser of β</param>
    /// <param name="gammaInitializer">initialiser of γ</param>
    /// <param name="name">layer name; default <c>layer_normalization</c>, …</param>
    public LayerNormalization(int axis = -1, double epsilon = 1e-3, bool center = true, bool scale = true,
        string betaInitializer = "zeros", string gammaInitializer = "ones", string? name = null) : base(name)
    {
        if (axis != -1)
            throw new ArgumentException($"{Name}: LayerNormalization supports axis −1 (the last) only, got {axis}");
        if (!(epsilon > 0)) throw new ArgumentException($"{Name}: epsilon must be positive, got {epsilon}");
        Epsilon = epsilon;
        Center = center;
        Scale = scale;
        BetaInitializer = CheckedInitializer(betaInitializer);
        GammaInitializer = CheckedInitializer(gammaInitializer);
    }

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
        input.Known(-1, Name);
        return input;
    }

    /// <inheritdoc/>
    protected override void Build(SymbolicShape input)
    {
        int features = input.Known(-1, Name);
        if (Scale) Gamma = AddWeight("gamma", [features], GammaInitializer);
        if (Center) Beta = AddWeight("beta", [features], BetaInitializer);
    }

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training)
    {
        var centered = x - x.Mean(-1, keepDims: true);
        var variance = (centered * centered).Mean(-1, keepDims: true);
        var y = centered / (variance + T.CreateChecked(Epsilon)).Sqrt();
        if (Gamma is not null) y *= Gamma.Variable<T>();
        if (Beta is not null) y += Beta.Variable<T>();
        return y;
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig())
        {
            ["axis"] = -1, ["epsilon"] = Epsilon, ["center"] = Center, ["scale"] = Scale,
            ["beta_initializer"] = BetaInitializer, ["gamma_initializer"] = GammaInitializer,
        };
}

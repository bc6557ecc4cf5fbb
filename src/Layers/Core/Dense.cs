using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Dense(units, activation=None, use_bias=True, kernel_initializer="glorot_uniform",
/// bias_initializer="zeros", kernel_regularizer=None)</c>: y = activation(x·W + b) on the last axis of x.
/// </summary>
/// <remarks>
/// W has shape (input features, units) and b (units): (in + 1)·units parameters with a bias, in·units without
/// (the 10,000 → 16 layer of the IMDB model: 160,016). Inputs of rank above 2 — (batch, time, features) — are
/// multiplied on their last axis, as in Keras.
/// </remarks>
public sealed class Dense : KernelLayer
{
    /// <summary>A dense layer of <paramref name="units"/> outputs.</summary>
    /// <param name="units">output features, ≥ 1</param>
    /// <param name="activation">a name from <see cref="Activations.Names"/>; null = linear</param>
    /// <param name="useBias">add b</param>
    /// <param name="kernelInitializer">initialiser of W</param>
    /// <param name="biasInitializer">initialiser of b</param>
    /// <param name="kernelRegularizer">penalty on W added to the loss, e.g. <c>Regularizer.L2(0.01)</c></param>
    /// <param name="name">layer name; default <c>dense</c>, <c>dense_1</c>, …</param>
    public Dense(int units, string? activation = null, bool useBias = true, string kernelInitializer = "glorot_uniform",
        string biasInitializer = "zeros", Regularizer? kernelRegularizer = null, string? name = null)
        : base(activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, name)
    {
        if (units < 1) throw new ArgumentException($"dense: units must be at least 1, got {units}");
        Units = units;
    }

    /// <summary>Output features (W is (input features, units), b (units)).</summary>
    public int Units { get; }

    /// <summary>Passes a mask on unchanged, as Keras does.</summary>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input)
    {
        if (input.Rank < 2)
            throw new ArgumentException($"{Name}: Dense needs inputs of rank ≥ 2 (batch, …, features), got {input}");
        input.Known(-1, Name);
        return new SymbolicShape([.. input.Dims.Take(input.Rank - 1), Units]);
    }

    /// <inheritdoc/>
    protected override void Build(SymbolicShape input) => BuildKernelAndBias([input.Known(-1, Name), Units], Units);

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training)
        => BiasAndActivation(x.MatMul(Kernel!.Variable<T>()));

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => Config([new("units", Units)]);
}

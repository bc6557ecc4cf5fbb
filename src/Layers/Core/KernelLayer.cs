using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// What a layer of the form y = activation(f(x, W) + b) shares — Dense (f = x·W) and the convolutions (f = x ⋆ W):
/// the Keras arguments <c>activation</c>, <c>use_bias</c>, <c>kernel_initializer</c>, <c>bias_initializer</c> and
/// <c>kernel_regularizer</c>, the weights W (<c>kernel</c>) and b (<c>bias</c>, one per output unit), and the last
/// step, bias and activation.
/// </summary>
public abstract class KernelLayer : Layer
{
    /// <summary>Checks and stores the shared arguments.</summary>
    /// <param name="activation">a name from <see cref="Activations.Names"/>; null = linear</param>
    /// <param name="useBias">add b</param>
    /// <param name="kernelInitializer">initialiser of W</param>
    /// <param name="biasInitializer">initialiser of b</param>
    /// <param name="kernelRegularizer">penalty on W added to the loss, e.g. <c>Regularizer.L2(0.01)</c></param>
    /// <param name="name">layer name</param>
    private protected KernelLayer(string? activation, bool useBias, string kernelInitializer, string biasInitializer,
        Regularizer? kernelRegularizer, string? name) : base(name)
    {
        Activation = Activations.Resolve(activation, Name);
        UseBias = useBias;
        KernelInitializer = CheckedInitializer(kernelInitializer);
        BiasInitializer = CheckedInitializer(biasInitializer);
        KernelRegularizer = kernelRegularizer;
    }

    /// <summary>The activation's name.</summary>
    public string Activation { get; }

    /// <summary>Whether b is added.</summary>
    public bool UseBias { get; }

    /// <summary>Initialiser of W.</summary>
    public string KernelInitializer { get; }

    /// <summary>Initialiser of b.</summary>
    public string BiasInitializer { get; }

    /// <summary>Penalty on W.</summary>
    public Regularizer? KernelRegularizer { get; }

    /// <summary>W; null before the layer is built.</summary>
    public Weight? Kernel { get; private set; }

    /// <summary>b, one per output unit; null before the layer is built or without a bias.</summary>
    public Weight? Bias { get; private set; }

    /// <summary>Adds W of <paramref name="kernelShape"/> (with the regulariser) and, with a bias, b of
    /// <paramref name="units"/>.</summary>
    private protected void BuildKernelAndBias(int[] kernelShape, int units)
    {
        Kernel = AddWeight("kernel", kernelShape, KernelInitializer, regularizer: KernelRegularizer);
        if (UseBias) Bias = AddWeight("bias", [units], BiasInitializer);
    }

    /// <summary>activation(y + b): b broadcast over the last axis.</summary>
    private protected Variable<T> BiasAndActivation<T>(Variable<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Bias is not null) y += Bias.Variable<T>();
        return Activations.Apply(Activation, y);
    }

    /// <summary>The shared arguments as Keras's <c>get_config</c> names them, after <paramref name="own"/> (the
    /// layer's own arguments, first as in Keras).</summary>
    private protected IReadOnlyDictionary<string, object?> Config(IEnumerable<KeyValuePair<string, object?>> own)
    {
        var config = new Dictionary<string, object?>(base.GetConfig());
        foreach (var (key, value) in own) config[key] = value;
        config["activation"] = Activation;
        config["use_bias"] = UseBias;
        config["kernel_initializer"] = KernelInitializer;
        config["bias_initializer"] = BiasInitializer;
        config["kernel_regularizer"] = KernelRegularizer?.GetType().Name;
        return config;
    }
}

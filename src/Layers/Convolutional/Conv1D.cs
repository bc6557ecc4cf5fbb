namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Conv1D(filters, kernel_size, strides=1, padding="valid", dilation_rate=1, activation=None,
/// use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None)</c> on
/// (batch, steps, channels): y[b, t, f] = activation(Σ_k,c x[b, t·s − pad + k·d, c] · W[k, c, f] + b[f]).
/// </summary>
/// <remarks>
/// W has shape (kernel_size, in channels, filters): (kernel_size · in + 1) · filters parameters with a bias
/// (B15's Conv1D(32, 7) on 128 channels: 28,704). Padding <c>causal</c> puts all dilation·(kernel_size − 1)
/// zeros before the sequence. Output lengths and padding as <see cref="ConvLayer"/> says.
/// </remarks>
public sealed class Conv1D : ConvLayer
{
    /// <summary>A 1-d convolution of <paramref name="filters"/> kernels of width <paramref name="kernelSize"/>.</summary>
    /// <param name="filters">output channels, ≥ 1</param>
    /// <param name="kernelSize">kernel width in steps, ≥ 1</param>
    /// <param name="strides">steps between outputs, ≥ 1</param>
    /// <param name="padding"><c>valid</c>, <c>same</c> or <c>causal</c></param>
    /// <param name="dilationRate">steps between kernel taps, ≥ 1</param>
    /// <param name="activation">a name from <see cref="Activations.Names"/>; null = linear</param>
    /// <param name="useBias">add b</param>
    /// <param name="kernelInitializer">initialiser of W (fans: kernel_size · in, kernel_size · filters)</param>
    /// <param name="biasInitializer">initialiser of b</param>
    /// <param name="kernelRegularizer">penalty on W added to the loss</param>
    /// <param name="name">layer name; default <c>conv1d</c>, <c>conv1d_1</c>, …</param>
    public Conv1D(int filters, int kernelSize, int strides = 1, string padding = "valid", int dilationRate = 1,
        string? activation = null, bool useBias = true, string kernelInitializer = "glorot_uniform",
        string biasInitializer = "zeros", Regularizer? kernelRegularizer = null, string? name = null)
        : base(1, filters, (1, kernelSize), (1, strides), padding, (1, dilationRate), activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, name)
    {
        KernelSize = kernelSize;
        Strides = strides;
        DilationRate = dilationRate;
    }

    /// <summary>Kernel width in steps.</summary>
    public int KernelSize { get; }

    /// <summary>Steps between outputs.</summary>
    public int Strides { get; }

    /// <summary>Steps between kernel taps.</summary>
    public int DilationRate { get; }
}

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Conv2D(filters, kernel_size, strides=(1, 1), padding="valid", dilation_rate=(1, 1), activation=None,
/// use_bias=True, kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None)</c> on
/// (batch, height, width, channels): y[b, i, j, f] = activation(Σ_p,q,c x[b, i·sh − top + p·dh,
/// j·sw − left + q·dw, c] · W[p, q, c, f] + b[f]).
/// </summary>
/// <remarks>
/// W has shape (kh, kw, in channels, filters), Keras's layout: (kh · kw · in + 1) · filters parameters with a bias
/// (the MNIST network's Conv2D(64, (3, 3)) on 32 channels: 18,496). Output sizes and padding as
/// <see cref="ConvLayer"/> says; channels last only.
/// </remarks>
public sealed class Conv2D : ConvLayer
{
    /// <summary>A 2-d convolution of <paramref name="filters"/> kernels of <paramref name="kernelSize"/>.</summary>
    /// <param name="filters">output channels, ≥ 1</param>
    /// <param name="kernelSize">(height, width) of the kernel, each ≥ 1</param>
    /// <param name="strides">(rows, columns) between outputs; default (1, 1)</param>
    /// <param name="padding"><c>valid</c> or <c>same</c></param>
    /// <param name="dilationRate">(rows, columns) between kernel taps; default (1, 1)</param>
    /// <param name="activation">a name from <see cref="Activations.Names"/>; null = linear</param>
    /// <param name="useBias">add b</param>
    /// <param name="kernelInitializer">initialiser of W (fans: kh · kw · in, kh · kw · filters)</param>
    /// <param name="biasInitializer">initialiser of b</param>
    /// <param name="kernelRegularizer">penalty on W added to the loss</param>
    /// <param name="name">layer name; default <c>conv2d</c>, <c>conv2d_1</c>, …</param>
    public Conv2D(int filters, (int H, int W) kernelSize, (int H, int W)? strides = null, string padding = "valid",
        (int H, int W)? dilationRate = null, string? activation = null, bool useBias = true,
        string kernelInitializer = "glorot_uniform", string biasInitializer = "zeros",
        Regularizer? kernelRegularizer = null, string? name = null)
        : base(2, filters, kernelSize, strides ?? (1, 1), padding, dilationRate ?? (1, 1), activation, useBias,
            kernelInitializer, biasInitializer, kernelRegularizer, name)
    {
        KernelSize = kernelSize;
        Strides = strides ?? (1, 1);
        DilationRate = dilationRate ?? (1, 1);
    }

    /// <summary>A square kernel: <c>Conv2D(32, 3)</c> is Keras's <c>Conv2D(32, 3)</c>, a 3 × 3 kernel.</summary>
    public Conv2D(int filters, int kernelSize, string padding = "valid", string? activation = null,
        bool useBias = true, string kernelInitializer = "glorot_uniform", string biasInitializer = "zeros",
        Regularizer? kernelRegularizer = null, string? name = null)
        : this(filters, (kernelSize, kernelSize), null, padding, null, activation, useBias, kernelInitializer,
            biasInitializer, kernelRegularizer, name)
    {
    }

    /// <summary>(height, width) of the kernel.</summary>
    public (int H, int W) KernelSize { get; }

    /// <summary>(rows, columns) between outputs.</summary>
    public (int H, int W) Strides { get; }

    /// <summary>(rows, columns) between kernel taps.</summary>
    public (int H, int W) DilationRate { get; }
}

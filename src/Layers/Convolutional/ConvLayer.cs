using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// What Conv1D and Conv2D share (Keras's <c>BaseConv</c>): y = activation(x ⋆ W + b) over channels-last inputs
/// (batch, spatial…, channels), with W of shape (kernel…, in channels, filters) and b of shape (filters) — Keras's
/// weight layouts, so weights saved by Keras load unchanged. Parameters: (∏kernel · in + 1) · filters with a
/// bias, ∏kernel · in · filters without.
/// </summary>
/// <remarks>
/// Output length along each spatial axis of length L, kernel k, stride s and dilation d, as Keras computes it:
/// <list type="bullet">
/// <item><c>valid</c>: ⌊(L − d·(k − 1) − 1) / s⌋ + 1 (no padding; the kernel must fit: L ≥ d·(k − 1) + 1);</item>
/// <item><c>same</c>: ⌈L / s⌉, zero-padded as TensorFlow does (<see cref="WindowSpec.Same"/>: the smaller half
/// of the missing span before, the larger after);</item>
/// <item><c>causal</c> (1-d only): ⌈L / s⌉, all d·(k − 1) zeros before the sequence, so output t sees inputs ≤ t.</item>
/// </list>
/// Both run as one 2-d convolution (src/Tensor/Ops/Convolution.cs); a 1-d input is a height-1 image.
/// </remarks>
public abstract class ConvLayer : KernelLayer
{
    private readonly int _rank;
    private readonly (int H, int W) _kernel, _strides, _dilation;

    /// <summary>Checks and stores the arguments shared by the convolution layers; sizes are (height, width), with
    /// height 1 for 1-d.</summary>
    private protected ConvLayer(int rank, int filters, (int H, int W) kernelSize, (int H, int W) strides,
        string padding, (int H, int W) dilationRate, string? activation, bool useBias, string kernelInitializer,
        string biasInitializer, Regularizer? kernelRegularizer, string? name)
        : base(activation, useBias, kernelInitializer, biasInitializer, kernelRegularizer, name)
    {
        _rank = rank;
        if (filters < 1) throw new ArgumentException($"{Name}: filters must be at least 1, got {filters}");
        if (kernelSize.H < 1 || kernelSize.W < 1)
            throw new ArgumentException($"{Name}: kernel_size must be ≥ 1, got {Format(kernelSize)}");
        if (strides.H < 1 || strides.W < 1)
            throw new ArgumentException($"{Name}: strides must be ≥ 1, got {Format(strides)}");
        if (dilationRate.H < 1 || dilationRate.W < 1)
            throw new ArgumentException($"{Name}: dilation_rate must be ≥ 1, got {Format(dilationRate)}");
        string[] paddings = rank == 1 ? ["valid", "same", "causal"] : ["valid", "same"];
        if (!paddings.Contains(padding))
            throw new ArgumentException($"{Name}: padding must be one of {string.Join(", ", paddings)}, got " +
                                        $"'{padding}'");
        Filters = filters;
        (_kernel, _strides, _dilation) = (kernelSize, strides, dilationRate);
        Padding = padding;
    }

    /// <summary>Output channels.</summary>
    public int Filters { get; }

    /// <summary><c>valid</c>, <c>same</c> or (1-d) <c>causal</c>.</summary>
    public string Padding { get; }

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input)
    {
        if (input.Rank != _rank + 2)
            throw new ArgumentException($"{Name}: {TypeName} needs inputs of rank {_rank + 2} (batch, " +
                                        $"{(_rank == 1 ? "steps" : "height, width")}, channels), got {input}");
        input.Known(-1, Name);
        var spatial = new int?[_rank];
        for (int axis = 0; axis < _rank; axis++)
            spatial[axis] = input[1 + axis] is int length ? OutputLength(input, axis, length) : null;
        return new SymbolicShape([input[0], .. spatial, Filters]);
    }

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => actual.Rank == built.Rank && built[-1] == actual[-1];

    /// <inheritdoc/>
    protected override void Build(SymbolicShape input)
        => BuildKernelAndBias([.. Dims(_kernel), input.Known(-1, Name), Filters], Filters);

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training)
    {
        // A 1-d input (batch, steps, channels) is a height-1 image, its kernel (k, in, filters) a 1 × k one.
        var image = _rank == 1 ? x.Reshape(x.Shape[0], 1, x.Shape[1], x.Shape[2]) : x;
        var kernel = Kernel!.Variable<T>();
        if (_rank == 1) kernel = kernel.Reshape(1, kernel.Shape[0], kernel.Shape[1], kernel.Shape[2]);
        var y = image.Conv2D(kernel, Spec(image.Shape[1], image.Shape[2]));
        return BiasAndActivation(_rank == 1 ? y.Reshape(y.Shape[0], y.Shape[2], y.Shape[3]) : y);
    }

    /// <summary>The strides, dilation and zero padding for an image of <paramref name="height"/> ×
    /// <paramref name="width"/>.</summary>
    private WindowSpec Spec(int height, int width)
    {
        var (top, bottom) = Pad(height, _kernel.H, _strides.H, _dilation.H, causal: false);
        var (left, right) = Pad(width, _kernel.W, _strides.W, _dilation.W, Padding == "causal");
        return new WindowSpec(_strides, _dilation, (top, bottom, left, right));
    }

    private (int Before, int After) Pad(int length, int kernel, int stride, int dilation, bool causal) =>
        causal ? (dilation * (kernel - 1), 0)
        : Padding == "same" ? WindowSpec.Same(length, kernel, stride, dilation)
        : (0, 0);

    // Keras's conv_output_length along spatial axis `axis` (0-based, of the layer's rank).
    private int OutputLength(SymbolicShape input, int axis, int length)
    {
        int k = Dims(_kernel)[axis], s = Dims(_strides)[axis], d = Dims(_dilation)[axis];
        if (Padding != "valid") return (length + s - 1) / s;
        int span = d * (k - 1) + 1;
        if (length < span)
            throw new ArgumentException($"{Name}: the kernel {Format(_kernel)} (dilation {Format(_dilation)}, " +
                                        $"spanning {span}) is larger than the input {input} along axis {axis + 1} " +
                                        "with padding 'valid'");
        return (length - span) / s + 1;
    }

    private int[] Dims((int H, int W) size) => _rank == 1 ? [size.W] : [size.H, size.W];

    private string Format((int H, int W) size) => _rank == 1 ? $"{size.W}" : $"({size.H}, {size.W})";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() => Config(
    [
        new("filters", Filters), new("kernel_size", Dims(_kernel)), new("strides", Dims(_strides)),
        new("padding", Padding), new("dilation_rate", Dims(_dilation)),
    ]);
}

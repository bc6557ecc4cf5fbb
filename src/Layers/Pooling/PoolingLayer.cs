using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// What the max and average pooling layers share (Keras's <c>BasePooling</c>): each channel of a channels-last
/// input (batch, spatial…, channels) is reduced over windows of <c>pool_size</c>, moved by <c>strides</c>
/// (default: the pool size, so windows tile the input). No weights.
/// </summary>
/// <remarks>
/// Output length along an axis of length L with pool p and stride s: <c>valid</c> ⌊(L − p) / s⌋ + 1,
/// <c>same</c> ⌈L / s⌉ (TensorFlow's padding, <see cref="WindowSpec.Same"/>). Padding is never a value: max
/// pooling skips it, average pooling divides by the window positions inside the input, as Keras does.
/// The gradient of max pooling goes to each window's first maximum (row-major window order), as TensorFlow's.
/// </remarks>
public abstract class PoolingLayer : Layer
{
    private readonly int _rank;
    private readonly bool _max;
    private readonly (int H, int W) _pool, _strides;

    /// <summary>Checks and stores the arguments; sizes are (height, width), height 1 for 1-d.</summary>
    private protected PoolingLayer(int rank, bool max, (int H, int W) poolSize, (int H, int W)? strides,
        string padding, string? name) : base(name)
    {
        (_rank, _max, _pool, _strides) = (rank, max, poolSize, strides ?? poolSize);
        if (_pool.H < 1 || _pool.W < 1)
            throw new ArgumentException($"{Name}: pool_size must be ≥ 1, got {Format(_pool)}");
        if (_strides.H < 1 || _strides.W < 1)
            throw new ArgumentException($"{Name}: strides must be ≥ 1, got {Format(_strides)}");
        if (padding is not ("valid" or "same"))
            throw new ArgumentException($"{Name}: padding must be valid or same, got '{padding}'");
        Padding = padding;
    }

    /// <summary><c>valid</c> or <c>same</c>.</summary>
    public string Padding { get; }

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input)
    {
        if (input.Rank != _rank + 2)
            throw new ArgumentException($"{Name}: {TypeName} needs inputs of rank {_rank + 2} (batch, " +
                                        $"{(_rank == 1 ? "steps" : "height, width")}, channels), got {input}");
        var spatial = new int?[_rank];
        for (int axis = 0; axis < _rank; axis++)
            spatial[axis] = input[1 + axis] is int length ? OutputLength(input, axis, length) : null;
        return new SymbolicShape([input[0], .. spatial, input[-1]]);
    }

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual) => actual.Rank == built.Rank;

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training)
    {
        var image = _rank == 1 ? x.Reshape(x.Shape[0], 1, x.Shape[1], x.Shape[2]) : x;
        int height = image.Shape[1], width = image.Shape[2];
        var (top, bottom) = Padding == "same" ? WindowSpec.Same(height, _pool.H, _strides.H, 1) : (0, 0);
        var (left, right) = Padding == "same" ? WindowSpec.Same(width, _pool.W, _strides.W, 1) : (0, 0);
        var spec = new WindowSpec(_strides, (1, 1), (top, bottom, left, right));
        var y = _max ? image.MaxPool2D(_pool, spec) : image.AvgPool2D(_pool, spec);
        return _rank == 1 ? y.Reshape(y.Shape[0], y.Shape[2], y.Shape[3]) : y;
    }

    private int OutputLength(SymbolicShape input, int axis, int length)
    {
        int p = Dims(_pool)[axis], s = Dims(_strides)[axis];
        if (Padding == "same") return (length + s - 1) / s;
        if (length < p)
            throw new ArgumentException($"{Name}: the pool {Format(_pool)} is larger than the input {input} along " +
                                        $"axis {axis + 1} with padding 'valid'");
        return (length - p) / s + 1;
    }

    private int[] Dims((int H, int W) size) => _rank == 1 ? [size.W] : [size.H, size.W];

    private string Format((int H, int W) size) => _rank == 1 ? $"{size.W}" : $"({size.H}, {size.W})";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?>(base.GetConfig())
        {
            ["pool_size"] = Dims(_pool), ["strides"] = Dims(_strides), ["padding"] = Padding,
        };
}

/// <summary>
/// What the global pooling layers share: the maximum or mean over every spatial axis of (batch, spatial…,
/// channels), giving (batch, channels) — or (batch, 1…, channels) with <c>keepdims</c>. A global max's tied
/// maxima share the gradient equally (it is the <see cref="VariableOps"/> reduction, as TensorFlow's reduce_max).
/// </summary>
public abstract class GlobalPoolingLayer : Layer
{
    private readonly int _rank;
    private readonly bool _max;

    private protected GlobalPoolingLayer(int rank, bool max, bool keepDims, string? name) : base(name)
    {
        (_rank, _max) = (rank, max);
        KeepDims = keepDims;
    }

    /// <summary>Keep the pooled axes as size 1 (Keras <c>keepdims</c>).</summary>
    public bool KeepDims { get; }

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input)
    {
        if (input.Rank != _rank + 2)
            throw new ArgumentException($"{Name}: {TypeName} needs inputs of rank {_rank + 2} (batch, " +
                                        $"{(_rank == 1 ? "steps" : "height, width")}, channels), got {input}");
        return KeepDims
            ? new SymbolicShape([input[0], .. Enumerable.Repeat<int?>(1, _rank), input[-1]])
            : new SymbolicShape(input[0], input[-1]);
    }

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual) => actual.Rank == built.Rank;

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training)
    {
        int[] axes = _rank == 1 ? [1] : [1, 2];
        return _max ? x.Max(axes, KeepDims) : x.Mean(axes, KeepDims);
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig() =>
        new Dictionary<string, object?>(base.GetConfig()) { ["keepdims"] = KeepDims };
}

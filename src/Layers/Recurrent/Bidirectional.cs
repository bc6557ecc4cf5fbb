using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Bidirectional(layer, merge_mode="concat")</c>: the recurrent layer over the sequence, a mirror of it
/// (same configuration, its own weights, <c>go_backwards</c> flipped) over the reversed sequence, and the two
/// outputs merged: <c>concat</c> (last axis, forward first), <c>sum</c>, <c>mul</c>, <c>ave</c>, or <c>none</c>
/// (both returned, forward first).
/// </summary>
/// <remarks>
/// With return_sequences the backward layer's outputs are reversed back, so step t of both halves saw x_t last;
/// at padded steps both halves output zeros (Keras sets <c>zero_output_for_mask</c> for the two halves when they
/// return sequences). Weights: the forward layer's, then the backward layer's (named <c>backward_</c> + the layer's
/// name), as Keras lists them; 2× the layer's parameters. return_state is not supported yet.
/// </remarks>
public sealed class Bidirectional : Layer
{
    private static readonly string[] MergeModes = ["concat", "sum", "mul", "ave", "none"];

    /// <summary>Wraps <paramref name="layer"/> (unbuilt) with its mirror.</summary>
    public Bidirectional(RecurrentLayer layer, string mergeMode = "concat", string? name = null) : base(name)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (!MergeModes.Contains(mergeMode))
            throw new ArgumentException(
                $"{Name}: merge_mode must be one of {string.Join(", ", MergeModes)}, got '{mergeMode}'");
        if (layer.Built) throw new ArgumentException($"{Name}: wrap an unbuilt layer ({layer.Name} is built)");
        if (layer.ReturnState) throw new NotSupportedException($"{Name}: return_state is not supported yet");
        ForwardLayer = layer;
        BackwardLayer = layer.Mirror("backward_" + layer.Name);
        MergeMode = mergeMode;
    }

    /// <summary>The wrapped layer, which reads the sequence forwards (unless it was made with go_backwards).</summary>
    public RecurrentLayer ForwardLayer { get; }
    /// <summary>Its mirror, reading the sequence the other way.</summary>
    public RecurrentLayer BackwardLayer { get; }
    /// <summary>How the two outputs are combined.</summary>
    public string MergeMode { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<Weight> Weights => [.. ForwardLayer.Weights, .. BackwardLayer.Weights];

    /// <inheritdoc/>
    public override IReadOnlyList<Weight> TrainableWeights =>
        Trainable ? [.. ForwardLayer.TrainableWeights, .. BackwardLayer.TrainableWeights] : [];

    /// <inheritdoc/>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    public override Tensor<T>? ComputeMask<T>(Tensor<T> input, Tensor<T>? inputMask)
        => ForwardLayer.ReturnSequences ? inputMask : null;

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => actual.Rank == built.Rank && (built[-1] is null || actual[-1] == built[-1]);

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<SymbolicShape> inputShapes)
    {
        ForwardLayer.Build(inputShapes, DType, Device);
        BackwardLayer.Build(inputShapes, DType, Device);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputShapes)
    {
        if (inputShapes.Count != 1)
            throw new ArgumentException($"{Name}: takes one sequence, got {inputShapes.Count} inputs");
        var half = HalfShape(inputShapes);
        if (MergeMode == "none") return [half, half];
        if (MergeMode != "concat") return [half];
        var dims = half.Dims.ToArray();
        dims[^1] *= 2;
        return [new SymbolicShape(dims)];
    }

    private SymbolicShape HalfShape(IReadOnlyList<SymbolicShape> inputShapes) =>
        ForwardLayer.Built ? ForwardLayer.OutputShapes![0] : PeekShape(inputShapes);

    private SymbolicShape PeekShape(IReadOnlyList<SymbolicShape> inputShapes)
    {
        var x = inputShapes[0];
        if (x.Rank != 3) throw new ArgumentException($"{Name}: the input must be (batch, steps, features), got {x}");
        return ForwardLayer.ReturnSequences
            ? new SymbolicShape([x[0], x[1], ForwardLayer.Units])
            : new SymbolicShape([x[0], ForwardLayer.Units]);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs, bool training)
        => Run(inputs[0], null, training);

    /// <inheritdoc/>
    protected override IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs,
        IReadOnlyList<Tensor<T>?> masks, bool training)
        => Run(inputs[0], masks[0], training);

    private IReadOnlyList<Variable<T>> Run<T>(Variable<T> x, Tensor<T>? mask, bool training)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var forward = ForwardLayer.Call(x, training, mask);
        var backward = BackwardLayer.Call(x, training, mask);
        if (ForwardLayer.ReturnSequences)
        {
            backward = backward.Flip(1);
            if (mask is not null)
            {
                var real = new Variable<T>(mask.Unsqueeze(2));
                (forward, backward) = (forward * real, backward * real);
            }
        }
        return MergeMode switch
        {
            "concat" => [VariableOps.Concat([forward, backward], axis: -1)],
            "sum" => [forward + backward],
            "mul" => [forward * backward],
            "ave" => [(forward + backward) * T.CreateChecked(0.5)],
            _ => [forward, backward],
        };
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig())
        {
            ["layer"] = ForwardLayer.GetConfig(), ["merge_mode"] = MergeMode,
        };
}

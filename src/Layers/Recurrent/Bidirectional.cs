using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Bidirectional(layer, merge_mode="concat")</c>: the recurrent layer over the sequence, a mirror of it
/// (same configuration, its own weights, <c>go_backwards</c> flipped) over the reversed sequence, and the two
/// outputs merged: <c>concat</c> (last axis, forward first), <c>sum</c>, <c>mul</c>, <c>ave</c>, or <c>none</c>
/// (both returned, forward first).
/// </summary>
/// <remarks>
/// <para>With return_sequences the backward layer's outputs are reversed back, so step t of both halves saw x_t last;
/// at padded steps both halves output zeros (Keras sets <c>zero_output_for_mask</c> for the two halves when they
/// return sequences). Weights: the forward layer's, then the backward layer's (named <c>backward_</c> + the layer's
/// name), as Keras lists them; 2× the layer's parameters.</para>
/// <para>With return_state (set on the wrapped layer) the outputs are the merged output (two with <c>none</c>), then
/// the forward layer's final states, then the backward layer's, as Keras returns them: h_f, h_b for SimpleRNN and
/// GRU; h_f, c_f, h_b, c_b for the LSTM. Initial states are inputs after the sequence in the same order (Keras's
/// <c>initial_state</c> list, split in halves).</para>
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

    /// <summary>The states of one half: SimpleRNN and GRU 1, the LSTM 2.</summary>
    private int StateCount => ForwardLayer.StateCount;

    /// <summary>The merged outputs: two with <c>none</c>, else one.</summary>
    private int MergedCount => MergeMode == "none" ? 2 : 1;

    /// <summary>The sequence alone, or with initial states for both halves.</summary>
    protected override bool AcceptsInputCount(int count, int builtCount) => count == 1 || count == 1 + 2 * StateCount;

    /// <summary>The merged outputs keep the sequence's mask with return_sequences; the states carry none.</summary>
    public override IReadOnlyList<Tensor<T>?> ComputeMasks<T>(IReadOnlyList<Tensor<T>> inputs,
        IReadOnlyList<Tensor<T>?> inputMasks, int outputCount)
    {
        var masks = new Tensor<T>?[outputCount];
        for (int i = 0; i < MergedCount; i++) masks[i] = ComputeMask(inputs[0], inputMasks[0]);
        return masks;
    }

    /// <summary>The inputs of one half: the sequence and, when given, that half's initial states.</summary>
    private IReadOnlyList<TInput> Half<TInput>(IReadOnlyList<TInput> inputs, bool backward)
        => inputs.Count == 1 ? inputs : [inputs[0], .. inputs.Skip(1 + (backward ? StateCount : 0)).Take(StateCount)];

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<SymbolicShape> inputShapes)
    {
        ForwardLayer.Build(Half(inputShapes, false), DType, Device);
        BackwardLayer.Build(Half(inputShapes, true), DType, Device);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputShapes)
    {
        if (!AcceptsInputCount(inputShapes.Count, 0))
            throw new ArgumentException(
                $"{Name}: takes the sequence and optionally {2 * StateCount} initial states (the forward layer's, " +
                $"then the backward layer's), got {inputShapes.Count} inputs");
        var x = inputShapes[0];
        if (x.Rank != 3) throw new ArgumentException($"{Name}: the input must be (batch, steps, features), got {x}");
        // Each half's shapes are the wrapped layer's (the two halves share their configuration).
        var halfShapes = ForwardLayer.OutputShapesFor(Half(inputShapes, false));
        var half = halfShapes[0];
        SymbolicShape[] states = [.. halfShapes.Skip(1), .. halfShapes.Skip(1)];
        if (MergeMode == "none") return [half, half, .. states];
        if (MergeMode != "concat") return [half, .. states];
        var dims = half.Dims.ToArray();
        dims[^1] *= 2;
        return [new SymbolicShape(dims), .. states];
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs, bool training)
        => Run(inputs, null, training);

    /// <inheritdoc/>
    protected override IReadOnlyList<Variable<T>> Forward<T>(IReadOnlyList<Variable<T>> inputs,
        IReadOnlyList<Tensor<T>?> masks, bool training)
        => Run(inputs, masks[0], training);

    private IReadOnlyList<Variable<T>> Run<T>(IReadOnlyList<Variable<T>> inputs, Tensor<T>? mask, bool training)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IReadOnlyList<Tensor<T>?>? MasksOf(int count) =>
            mask is null ? null : [mask, .. Enumerable.Repeat<Tensor<T>?>(null, count - 1)];
        var forwardInputs = Half(inputs, false);
        var backwardInputs = Half(inputs, true);
        var forwardOutputs = ForwardLayer.Call(forwardInputs, training, MasksOf(forwardInputs.Count));
        var backwardOutputs = BackwardLayer.Call(backwardInputs, training, MasksOf(backwardInputs.Count));
        var (forward, backward) = (forwardOutputs[0], backwardOutputs[0]);
        if (ForwardLayer.ReturnSequences)
        {
            backward = backward.Flip(1);
            if (mask is not null)
            {
                var real = new Variable<T>(mask.Unsqueeze(2));
                (forward, backward) = (forward * real, backward * real);
            }
        }
        IReadOnlyList<Variable<T>> merged = MergeMode switch
        {
            "concat" => [VariableOps.Concat([forward, backward], axis: -1)],
            "sum" => [forward + backward],
            "mul" => [forward * backward],
            "ave" => [(forward + backward) * T.CreateChecked(0.5)],
            _ => [forward, backward],
        };
        return [.. merged, .. forwardOutputs.Skip(1), .. backwardOutputs.Skip(1)];
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig())
        {
            ["layer"] = ForwardLayer.GetConfig(), ["merge_mode"] = MergeMode,
        };
}

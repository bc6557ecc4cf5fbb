using DeepSeq.Autograd;
using DeepSeq.Kernels;

namespace DeepSeq.Layers;

/// <summary>
/// What Keras's SimpleRNN, LSTM and GRU share: the arguments, the weights W (<c>kernel</c>, (features, gates·units)),
/// U (<c>recurrent_kernel</c>, (units, gates·units)) and b (<c>bias</c>), the sequence options
/// (<c>return_sequences</c>, <c>return_state</c>, <c>go_backwards</c>, <c>stateful</c>, initial states, masks) and
/// Keras 2's time-constant dropout. The time loop itself is one fused kernel per call (<see cref="Recurrence"/>).
/// </summary>
/// <remarks>
/// <para>A call on x (batch, steps, features): the input projections x·W + b of every step in one matmul, then the
/// fused cell over the steps. Inputs after the first are initial states (Keras's <c>initial_state</c>: h, and for the
/// LSTM c); without them the states start at zero, or, <c>stateful</c>, where the previous call left them.</para>
/// <para>Dropout is Keras 2's (implementation 1): while training, one input mask (batch, features) and one recurrent
/// mask (batch, units) per gate, drawn once per call from the layer's seed and reused at every step (time-constant),
/// kept elements scaled by 1/(1 − rate); gate k reads (x ⊙ m_k)·W_k and (h₋₁ ⊙ m′_k)·U_k. The recurrent masks are
/// applied inside the fused kernel; the input masks before the projection. <see cref="InputDropoutMask"/>
/// <see cref="InputDropoutMask.PerElement"/> draws the input mask as TF2's fused LSTM and GRU do instead.</para>
/// <para>Masks (from an Embedding with mask_zero): a padded step carries the states through and outputs the previous
/// output, as Keras's backend rnn does; the output mask is the input's with return_sequences, none without.</para>
/// <para><c>go_backwards</c> runs over the reversed input and returns the outputs in that (reversed) order, as
/// Keras does.</para>
/// </remarks>
public abstract class RecurrentLayer : Layer
{
    private Tensor<float>[]? _stateF;
    private Tensor<double>[]? _stateD;

    /// <summary>Checks and stores the shared arguments (see each cell for its defaults).</summary>
    private protected RecurrentLayer(CellKind kind, int units, string activation, string recurrentActivation,
        bool useBias, string kernelInitializer, string recurrentInitializer, string biasInitializer,
        Regularizer? kernelRegularizer, Regularizer? recurrentRegularizer, double dropout, double recurrentDropout,
        bool returnSequences, bool returnState, bool goBackwards, bool stateful, bool resetAfter, string? name)
        : base(name)
    {
        if (units <= 0) throw new ArgumentException($"{Name}: units must be positive, got {units}");
        if (!(dropout >= 0 && dropout < 1) || !(recurrentDropout >= 0 && recurrentDropout < 1))
            throw new ArgumentException(
                $"{Name}: dropout and recurrent_dropout must be in [0, 1), got {dropout} and {recurrentDropout}");
        Kind = kind;
        Units = units;
        Activation = activation;
        RecurrentActivation = recurrentActivation;
        Cell = new RecurrentCell(kind, CellActivationOf(activation), CellActivationOf(recurrentActivation),
            resetAfter);
        UseBias = useBias;
        KernelInitializer = CheckedInitializer(kernelInitializer);
        RecurrentInitializer = CheckedInitializer(recurrentInitializer);
        BiasInitializer = CheckedInitializer(biasInitializer);
        KernelRegularizer = kernelRegularizer;
        RecurrentRegularizer = recurrentRegularizer;
        DropoutRate = dropout;
        RecurrentDropoutRate = recurrentDropout;
        ReturnSequences = returnSequences;
        ReturnState = returnState;
        GoBackwards = goBackwards;
        Stateful = stateful;
    }

    /// <summary>Which cell.</summary>
    public CellKind Kind { get; }
    /// <summary>Size of h.</summary>
    public int Units { get; }
    /// <summary>The candidate's activation (Keras <c>activation</c>).</summary>
    public string Activation { get; }
    /// <summary>The gates' activation (Keras <c>recurrent_activation</c>).</summary>
    public string RecurrentActivation { get; }
    /// <summary>The cell as the kernels take it.</summary>
    public RecurrentCell Cell { get; }
    /// <summary>Whether b is added.</summary>
    public bool UseBias { get; }
    /// <summary>Initialisers of W, U and b.</summary>
    public string KernelInitializer { get; }
    /// <inheritdoc cref="KernelInitializer"/>
    public string RecurrentInitializer { get; }
    /// <inheritdoc cref="KernelInitializer"/>
    public string BiasInitializer { get; }
    /// <summary>Penalties on W and U.</summary>
    public Regularizer? KernelRegularizer { get; }
    /// <inheritdoc cref="KernelRegularizer"/>
    public Regularizer? RecurrentRegularizer { get; }
    /// <summary>Fraction of the inputs dropped (Keras <c>dropout</c>).</summary>
    public double DropoutRate { get; }
    /// <summary>Fraction of h₋₁ dropped (Keras <c>recurrent_dropout</c>).</summary>
    public double RecurrentDropoutRate { get; }
    /// <summary>How the input-dropout mask is drawn: time-constant per gate (Keras 2's cells, the default) or per
    /// element and shared by the gates (TF2's fused LSTM and GRU); see <see cref="DeepSeq.Layers.InputDropoutMask"/>.
    /// </summary>
    public InputDropoutMask InputDropoutMask { get; init; }
    /// <summary>Return every step's output (batch, steps, units) rather than the last (batch, units).</summary>
    public bool ReturnSequences { get; }
    /// <summary>Also return the final states (h; for the LSTM h and c) as further outputs.</summary>
    public bool ReturnState { get; }
    /// <summary>Run over the reversed sequence.</summary>
    public bool GoBackwards { get; }
    /// <summary>Start each call where the previous one left the states (needs a fixed batch size).</summary>
    public bool Stateful { get; }
    /// <summary>W, U and b; null before the layer is built (b also without a bias).</summary>
    public Weight? Kernel { get; private set; }
    /// <inheritdoc cref="Kernel"/>
    public Weight? RecurrentKernel { get; private set; }
    /// <inheritdoc cref="Kernel"/>
    public Weight? Bias { get; private set; }

    /// <summary>Gates: 1, 4 or 3.</summary>
    public int Gates => RecurrentGeometry.GatesOf(Kind);

    /// <summary>Number of states: 2 for the LSTM (h, c), else 1.</summary>
    public int StateCount => Kind == CellKind.Lstm ? 2 : 1;

    /// <summary>The bias's shape: (gates·units), or for the GRU with reset after (2, gates·units), input and
    /// recurrent bias, as Keras stores it.</summary>
    private protected virtual int[] BiasShape => [Gates * Units];

    /// <summary>Masks pass through the recurrent layers (Keras <c>supports_masking</c>).</summary>
    public override bool SupportsMasking => true;

    /// <summary>The input's mask with return_sequences (the outputs keep their steps); none otherwise.</summary>
    public override Tensor<T>? ComputeMask<T>(Tensor<T> input, Tensor<T>? inputMask)
        => ReturnSequences ? inputMask : null;

    /// <summary>The output's mask as <see cref="ComputeMask{T}"/> says; the returned states carry none (Keras). Masks
    /// of initial states are ignored.</summary>
    public override IReadOnlyList<Tensor<T>?> ComputeMasks<T>(IReadOnlyList<Tensor<T>> inputs,
        IReadOnlyList<Tensor<T>?> inputMasks, int outputCount)
    {
        var masks = new Tensor<T>?[outputCount];
        masks[0] = ComputeMask(inputs[0], inputMasks[0]);
        return masks;
    }

    private static CellActivation CellActivationOf(string name) => name switch
    {
        "tanh" => CellActivation.Tanh,
        "sigmoid" => CellActivation.Sigmoid,
        "hard_sigmoid" => CellActivation.HardSigmoid,
        "relu" => CellActivation.Relu,
        "linear" => CellActivation.Linear,
        _ => throw new ArgumentException(
            $"recurrent layer: activation '{name}' is not one the fused cells have (tanh, sigmoid, hard_sigmoid, " +
            "relu, linear)"),
    };

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => actual.Rank == built.Rank && (built[-1] is null || actual[-1] == built[-1]);

    /// <summary>With or without initial states, whichever the layer was built with.</summary>
    protected override bool AcceptsInputCount(int count, int builtCount) => count == 1 || count == 1 + StateCount;

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<SymbolicShape> inputShapes)
    {
        int features = inputShapes[0][-1]!.Value;
        int width = Gates * Units;
        Kernel = AddWeight("kernel", [features, width], KernelInitializer, regularizer: KernelRegularizer);
        RecurrentKernel = AddWeight("recurrent_kernel", [Units, width], RecurrentInitializer,
            regularizer: RecurrentRegularizer);
        if (UseBias) Bias = AddWeight("bias", BiasShape, BiasInitializer);
        InitializeBias();
    }

    /// <summary>Sets non-default initial bias values after the weights exist (the LSTM's unit forget bias).</summary>
    private protected virtual void InitializeBias()
    {
    }

    /// <summary>The output shapes (and the checks) of <see cref="ComputeOutputShapes"/>, for a wrapper that needs its
    /// layer's shapes before building it (<see cref="Bidirectional"/>).</summary>
    internal IReadOnlyList<SymbolicShape> OutputShapesFor(IReadOnlyList<SymbolicShape> inputShapes)
        => ComputeOutputShapes(inputShapes);

    /// <inheritdoc/>
    protected override IReadOnlyList<SymbolicShape> ComputeOutputShapes(IReadOnlyList<SymbolicShape> inputShapes)
    {
        var x = inputShapes[0];
        if (x.Rank != 3 || x[-1] is null)
            throw new ArgumentException(
                $"{Name} ({TypeName}): the input must be (batch, steps, features) with known features, got {x}");
        if (inputShapes.Count != 1 && inputShapes.Count != 1 + StateCount)
            throw new ArgumentException(
                $"{Name} ({TypeName}): takes the sequence and optionally {StateCount} initial state(s), got " +
                $"{inputShapes.Count} inputs");
        for (int i = 1; i < inputShapes.Count; i++)
            if (inputShapes[i].Rank != 2 || inputShapes[i][-1] != Units)
                throw new ArgumentException(
                    $"{Name} ({TypeName}): initial state {i - 1} must be (batch, {Units}), got {inputShapes[i]}");
        if (Stateful && x[0] is null)
            throw new ArgumentException(
                $"{Name} ({TypeName}): a stateful layer needs a fixed batch size (an Input with batchSize), got {x}");
        var output = ReturnSequences ? new SymbolicShape([x[0], x[1], Units]) : new SymbolicShape([x[0], Units]);
        var states = Enumerable.Repeat(new SymbolicShape([x[0], Units]), ReturnState ? StateCount : 0);
        return [output, .. states];
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
        var x = inputs[0];
        int batch = x.Shape[0], steps = x.Shape[1];
        if (mask is not null && (mask.Shape.Rank != 2 || mask.Shape[0] != batch || mask.Shape[1] != steps))
            throw new ArgumentException(
                $"{Name} ({TypeName}): the mask must be (batch, steps) = ({batch}, {steps}), got {mask.Shape}");
        if (GoBackwards)
        {
            x = x.Flip(1);
            mask = mask?.Flip(1);
        }
        var states = InitialStates(inputs, batch);
        var xz = Projections(x, training);
        var recurrentMask = training && RecurrentDropoutRate > 0
            ? DropoutMask<T>([Gates, batch, Units], RecurrentDropoutRate, x.Data.Device)
            : null;
        var u = RecurrentKernel!.Variable<T>();
        Variable<T>? extra = Kind == CellKind.Lstm ? states[1] : Cell.ResetAfter ? RecurrentBias<T>() : null;
        var y = xz.Recurrence(Cell, u, states[0], extra, mask, recurrentMask);
        var finals = Enumerable.Range(0, StateCount).Select(s => y.Narrow(1, steps + s, 1).Squeeze(1)).ToArray();
        if (Stateful) Remember(finals);
        var output = ReturnSequences ? y.Narrow(1, 0, steps) : finals[0];
        return ReturnState ? [output, .. finals] : [output];
    }

    /// <summary>x·W + b for every step; with dropout while training, (x ⊙ m_k)·W_k + b_k for each gate k, or with
    /// per-element masks (x ⊙ m)·W + b.</summary>
    /// <remarks>
    /// The masks are constant in time, so (x_b ⊙ m_kb)·W_k = x_b·(diag(m_kb)·W_k): each sequence b gets its own
    /// masked kernel W_b = [diag(m_0b)·W_0 | … ] (features × Gates·Units, small), and the projection is one batched
    /// product x_b·W_b, with the plain projection's multiply-adds and none of the per-gate masked copies of x, their
    /// products and the concatenation that the per-gate form cost (B7 with dropout 0.2 alone, 2 cores, best of
    /// interleaved runs on a loaded machine: 210 → 143 ms; benchmarks/RESULTS.md).
    /// </remarks>
    private Variable<T> Projections<T>(Variable<T> x, bool training) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = Kernel!.Variable<T>();
        Variable<T> xz;
        if (training && DropoutRate > 0 && InputDropoutMask == InputDropoutMask.PerElement)
            xz = (x * new Variable<T>(DropoutMask<T>(x.Shape.ToArray(), DropoutRate, x.Data.Device))).MatMul(w);
        else if (training && DropoutRate > 0)
        {
            int batch = x.Shape[0], features = x.Shape[2], n = Units;
            var m = DropoutMask<T>([Gates, batch, 1, features], DropoutRate, x.Data.Device);
            var perSequence = new Variable<T>(m.Permute(1, 3, 0, 2)) * w.Reshape(1, features, Gates, n);
            xz = x.MatMul(perSequence.Reshape(batch, features, Gates * n));
        }
        else xz = x.MatMul(w);
        return Bias is null ? xz : xz + InputBias<T>();
    }

    /// <summary>The bias added to the input projections (all of b, or the GRU-with-reset-after's first row).</summary>
    private protected virtual Variable<T> InputBias<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => Bias!.Variable<T>();

    /// <summary>The GRU-with-reset-after's recurrent bias (b's second row), or zeros without a bias.</summary>
    private protected Variable<T> RecurrentBias<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => Bias is null
            ? new Variable<T>(Tensor.Zeros<T>([Gates * Units], Device!))
            : Bias.Variable<T>().Narrow(0, 1, 1).Squeeze(0);

    /// <summary>Dropout masks of <paramref name="shape"/>, every element 0 with probability rate, else
    /// 1/(1 − rate); time-constant when the shape has no steps axis.</summary>
    private Tensor<T> DropoutMask<T>(int[] shape, double rate, Device device)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T keep = T.CreateChecked(1 - rate);
        return Tensor.Bernoulli<T>(shape, Random, keep, device) / keep;
    }

    /// <summary>h0 (and c0): given as inputs, else where a stateful layer left them, else zeros.</summary>
    private Variable<T>[] InitialStates<T>(IReadOnlyList<Variable<T>> inputs, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (inputs.Count > 1) return inputs.Skip(1).ToArray();
        var remembered = typeof(T) == typeof(float) ? _stateF as Tensor<T>[] : _stateD as Tensor<T>[];
        if (Stateful && remembered is not null)
        {
            if (remembered[0].Shape[0] != batch)
                throw new ArgumentException(
                    $"{Name} ({TypeName}): stateful, built for batches of {remembered[0].Shape[0]}, called on {batch}");
            return remembered.Select(s => new Variable<T>(s)).ToArray();
        }
        return Enumerable.Range(0, StateCount)
            .Select(_ => new Variable<T>(Tensor.Zeros<T>([batch, Units], inputs[0].Data.Device)))
            .ToArray();
    }

    private void Remember<T>(Variable<T>[] finals) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var states = finals.Select(f => f.Data.Copy()).ToArray();
        if (states is Tensor<float>[] f32) _stateF = f32;
        else _stateD = (Tensor<double>[])(object)states;
    }

    /// <summary>
    /// A new, unbuilt layer with this one's configuration running the other way in time (go_backwards flipped),
    /// named <paramref name="name"/>: the backward half of a <see cref="Bidirectional"/>.
    /// </summary>
    public abstract RecurrentLayer Mirror(string name);

    /// <summary>Forgets the states a stateful layer carries (Keras <c>reset_states</c>): the next call starts at
    /// zero.</summary>
    public void ResetStates() => (_stateF, _stateD) = (null, null);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig())
        {
            ["units"] = Units, ["activation"] = Activation, ["recurrent_activation"] = RecurrentActivation,
            ["use_bias"] = UseBias, ["kernel_initializer"] = KernelInitializer,
            ["recurrent_initializer"] = RecurrentInitializer, ["bias_initializer"] = BiasInitializer,
            ["kernel_regularizer"] = KernelRegularizer?.GetType().Name,
            ["recurrent_regularizer"] = RecurrentRegularizer?.GetType().Name,
            ["dropout"] = DropoutRate, ["recurrent_dropout"] = RecurrentDropoutRate,
            ["input_dropout_mask"] = InputDropoutMask.ToString(),
            ["return_sequences"] = ReturnSequences, ["return_state"] = ReturnState,
            ["go_backwards"] = GoBackwards, ["stateful"] = Stateful,
        };
}

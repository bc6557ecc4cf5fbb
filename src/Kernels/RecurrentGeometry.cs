namespace DeepSeq.Kernels;

/// <summary>The nonlinearities a fused recurrent cell applies (Keras's names in brackets).</summary>
public enum CellActivation
{
    /// <summary>f(x) = x ("linear").</summary>
    Linear,
    /// <summary>f(x) = tanh x ("tanh").</summary>
    Tanh,
    /// <summary>f(x) = 1 / (1 + e⁻ˣ) ("sigmoid").</summary>
    Sigmoid,
    /// <summary>f(x) = clip(0.2·x + 0.5, 0, 1), Keras 2's and TF2's ("hard_sigmoid").</summary>
    HardSigmoid,
    /// <summary>f(x) = max(x, 0) ("relu").</summary>
    Relu,
}

/// <summary>The three recurrent cells of Keras.</summary>
public enum CellKind
{
    /// <summary>h = act(x·W + b + h₋₁·U): one gate.</summary>
    SimpleRnn,
    /// <summary>Gates i, f, c, o (Keras's order) and a cell state: four gates.</summary>
    Lstm,
    /// <summary>Gates z, r, h (Keras's order): three gates.</summary>
    Gru,
}

/// <summary>
/// The sizes and switches of one recurrent layer call, as both the CPU and the GPU kernels receive them: batch,
/// steps and units, which cell, its activations, and whether a sequence mask and recurrent dropout masks come
/// with the call. A plain struct, so that ILGPU kernels take it by value, checked once on the host.
/// </summary>
/// <remarks>
/// <para>Every buffer is dense, row-major and batch-major:</para>
/// <list type="bullet">
/// <item><b>xz</b> (Batch, Steps, Gates·Units): the input projections x·W + b of every step, computed before the
/// time loop in one GEMM; <b>dxz</b> its gradient.</item>
/// <item><b>u</b> (Units, Gates·Units): the recurrent kernel, gates side by side in Keras's order.</item>
/// <item><b>y</b> (Batch, Steps + States, Units): the output of every step, then the final states (h; for the LSTM h
/// and c), so that one buffer carries everything a layer may return.</item>
/// <item><b>mask</b> (Batch, Steps), 1 for a real step and 0 for padding, when <see cref="Masked"/>: a padded step
/// carries the states through unchanged and outputs the previous output (Keras).</item>
/// <item><b>recurrentMask</b> (Gates, Batch, Units), when <see cref="RecurrentDropout"/>: the time-constant dropout
/// mask of each gate (0, or 1/(1 − rate)), applied to h₋₁ before it meets that gate's part of u.</item>
/// <item><b>operands</b> (<see cref="Operands"/>, Batch, Steps, Units): what multiplies u at each step (h₋₁, or
/// h₋₁ ⊙ mask per gate, or for the GRU with reset before r ⊙ h₋₁), saved by the forward pass for the weight
/// gradient Σₜ operandᵀ·dz, which the backward pass computes in one GEMM after its time loop.</item>
/// </list>
/// <para>A layer that goes backwards reverses its input before the projection; the kernels always run forward in
/// time.</para>
/// </remarks>
public readonly struct RecurrentGeometry
{
    /// <summary>Sequences in the batch, steps per sequence, and units (the size of h).</summary>
    public readonly int Batch, Steps, Units;
    /// <summary>Which cell.</summary>
    public readonly CellKind Cell;
    /// <summary>The activation of the candidate (and of the LSTM's output, tanh(c) by default).</summary>
    public readonly CellActivation Activation;
    /// <summary>The activation of the gates (i, f, o; z, r).</summary>
    public readonly CellActivation RecurrentActivation;
    /// <summary>GRU only: the reset gate applies after the recurrent product (TF2) rather than before (Keras 2.0).</summary>
    public readonly bool ResetAfter;
    /// <summary>Whether a sequence mask comes with the call.</summary>
    public readonly bool Masked;
    /// <summary>Whether recurrent dropout masks come with the call.</summary>
    public readonly bool RecurrentDropout;

    /// <summary>The geometry of one call; throws for sizes that are negative or a GRU switch on another cell.</summary>
    public RecurrentGeometry(CellKind cell, int batch, int steps, int units, CellActivation activation,
        CellActivation recurrentActivation, bool resetAfter, bool masked, bool recurrentDropout)
    {
        if (batch < 0 || steps < 0 || units <= 0)
            throw new ArgumentException(
                $"{cell}: batch and steps must be >= 0 and units > 0, got batch {batch}, steps {steps}, units {units}");
        if (resetAfter && cell != CellKind.Gru)
            throw new ArgumentException($"{cell}: resetAfter is a GRU switch");
        (Cell, Batch, Steps, Units, Activation, RecurrentActivation, ResetAfter, Masked, RecurrentDropout) =
            (cell, batch, steps, units, activation, recurrentActivation, resetAfter, masked, recurrentDropout);
    }

    /// <summary>Gates of the cell: 1, 4 or 3.</summary>
    public int Gates => GatesOf(Cell);

    /// <summary>Gates of a cell: the LSTM 4 (i, f, c, o), the GRU 3 (z, r, h), the simple RNN 1.</summary>
    public static int GatesOf(CellKind cell) => cell switch { CellKind.Lstm => 4, CellKind.Gru => 3, _ => 1 };

    /// <summary>Final states the cell returns after its outputs in y: 2 for the LSTM (h, c), else 1 (h).</summary>
    public int States => Cell == CellKind.Lstm ? 2 : 1;

    /// <summary>Width of one step's projections: Gates·Units.</summary>
    public int Width => Gates * Units;

    /// <summary>
    /// How many different left operands multiply u at each step: one (h₋₁) without recurrent dropout, one per gate
    /// with it; the GRU with reset before adds r ⊙ h₋₁ for its candidate, which is then its own operand.
    /// </summary>
    public int Operands => RecurrentDropout ? Gates : Cell == CellKind.Gru && !ResetAfter ? 2 : 1;

    /// <summary>
    /// The gates operand <paramref name="p"/> multiplies: all of them (one GEMM) without recurrent dropout, gate p
    /// alone with it; the GRU with reset before keeps its candidate on an operand of its own (r ⊙ h₋₁).
    /// </summary>
    public (int Gate, int Count) GatesOf(int p) =>
        RecurrentDropout ? (p, 1)
        : Cell == CellKind.Gru && !ResetAfter ? (p == 0 ? (0, 2) : (2, 1))
        : (0, Gates);

    /// <summary>Whether this is the GRU whose reset gate applies before the recurrent product (Keras 2.0).</summary>
    public bool ResetBefore => Cell == CellKind.Gru && !ResetAfter;

    /// <summary>
    /// The operands that are h₋₁ itself (⊙ a gate's dropout mask), whose products a step computes before its gates
    /// are known: all of them, except the GRU-with-reset-before's candidate operand, which waits for r.
    /// </summary>
    public int DirectOperands => ResetBefore ? Operands - 1 : Operands;

    /// <summary>The GRU with reset before: the operand r ⊙ h₋₁ (⊙ mask) of its candidate, the last one.</summary>
    public int CandidateOperand => Operands - 1;

    /// <summary>Elements of each buffer; the kernels check the buffers they are given against these.</summary>
    public long XzLength => (long)Batch * Steps * Width;
    /// <inheritdoc cref="XzLength"/>
    public long OutputLength => (long)Batch * (Steps + States) * Units;
    /// <inheritdoc cref="XzLength"/>
    public long OperandsLength => (long)Operands * Batch * Steps * Units;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Cell}(batch {Batch}, steps {Steps}, units {Units}{(ResetAfter ? ", reset after" : "")}" +
        $"{(Masked ? ", masked" : "")}{(RecurrentDropout ? ", recurrent dropout" : "")})";
}

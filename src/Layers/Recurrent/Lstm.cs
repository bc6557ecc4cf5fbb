using DeepSeq.Kernels;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>LSTM(units, activation="tanh", recurrent_activation="sigmoid", use_bias=True, unit_forget_bias=True,
/// …)</c>, TF2's defaults (Keras 2's recurrent_activation was "hard_sigmoid": pass it to match the book's models):
/// with gates in Keras's order i, f, c, o,
/// i = σ(x·W_i + b_i + h₋₁·U_i), f = σ(x·W_f + b_f + h₋₁·U_f), g = act(x·W_c + b_c + h₋₁·U_c),
/// o = σ(x·W_o + b_o + h₋₁·U_o), c = f ⊙ c₋₁ + i ⊙ g, h = o ⊙ act(c); 4·units·(features + units + 1) parameters.
/// </summary>
/// <remarks>
/// <c>unit_forget_bias</c> starts the forget gate's bias at 1 (Jozefowicz et al. 2015), the other biases at
/// bias_initializer. Dropout, masks and the sequence options are <see cref="RecurrentLayer"/>'s; the kernel is
/// src/Kernels/Cpu/Lstm.cs.
/// </remarks>
public sealed class Lstm(int units, string activation = "tanh", string recurrentActivation = "sigmoid",
    bool useBias = true, string kernelInitializer = "glorot_uniform", string recurrentInitializer = "orthogonal",
    string biasInitializer = "zeros", bool unitForgetBias = true, Regularizer? kernelRegularizer = null,
    Regularizer? recurrentRegularizer = null, double dropout = 0, double recurrentDropout = 0,
    bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
    string? name = null)
    : RecurrentLayer(CellKind.Lstm, units, activation, recurrentActivation, useBias, kernelInitializer,
        recurrentInitializer, biasInitializer, kernelRegularizer, recurrentRegularizer, dropout, recurrentDropout,
        returnSequences, returnState, goBackwards, stateful, resetAfter: false, name)
{
    /// <summary>Whether the forget gate's bias starts at 1.</summary>
    public bool UnitForgetBias { get; } = unitForgetBias;

    /// <inheritdoc/>
    public override string TypeName => "LSTM";

    /// <inheritdoc/>
    private protected override void InitializeBias()
    {
        if (Bias is null || !UnitForgetBias) return;
        var b = Bias.ToTensor<double>().ToArray();
        for (int j = Units; j < 2 * Units; j++) b[j] = 1;
        Bias.Assign(Tensor.FromArray(b, new Shape(b.Length), Device!));
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig()) { ["unit_forget_bias"] = UnitForgetBias };

    /// <inheritdoc/>
    public override RecurrentLayer Mirror(string name) =>
        new Lstm(Units, Activation, RecurrentActivation, UseBias, KernelInitializer, RecurrentInitializer,
            BiasInitializer, UnitForgetBias, KernelRegularizer, RecurrentRegularizer, DropoutRate, RecurrentDropoutRate,
            ReturnSequences, ReturnState, !GoBackwards, Stateful, name) { InputDropoutMask = InputDropoutMask };
}

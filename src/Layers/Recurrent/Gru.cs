using DeepSeq.Autograd;
using DeepSeq.Kernels;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>GRU(units, activation="tanh", recurrent_activation="sigmoid", use_bias=True, reset_after=True, …)</c>,
/// TF2's defaults, with gates in Keras's order z, r, h:
/// z = σ(x·W_z + b_z + h₋₁·U_z), r = σ(x·W_r + b_r + h₋₁·U_r), h = z ⊙ h₋₁ + (1 − z) ⊙ h̃, where
/// <list type="bullet">
/// <item><c>resetAfter: false</c> (Keras 2.0, the book's era): h̃ = act(x·W_h + b_h + (r ⊙ h₋₁)·U_h), bias (3·units),
/// 3·units·(features + units + 1) parameters;</item>
/// <item><c>resetAfter: true</c> (TF2, cuDNN-compatible): h̃ = act(x·W_h + b_h + r ⊙ (h₋₁·U_h + b′_h)), with a second,
/// recurrent bias b′ added to h₋₁·U: bias (2, 3·units), 3·units·(features + units + 2) parameters.</item>
/// </list>
/// The samples of the book's chapters pass <c>resetAfter: false</c> and say so.
/// </summary>
/// <remarks>Dropout, masks and the sequence options are <see cref="RecurrentLayer"/>'s; the kernel is
/// src/Kernels/Cpu/Gru.cs.</remarks>
public sealed class Gru(int units, string activation = "tanh", string recurrentActivation = "sigmoid",
    bool useBias = true, string kernelInitializer = "glorot_uniform", string recurrentInitializer = "orthogonal",
    string biasInitializer = "zeros", bool resetAfter = true, Regularizer? kernelRegularizer = null,
    Regularizer? recurrentRegularizer = null, double dropout = 0, double recurrentDropout = 0,
    bool returnSequences = false, bool returnState = false, bool goBackwards = false, bool stateful = false,
    string? name = null)
    : RecurrentLayer(CellKind.Gru, units, activation, recurrentActivation, useBias, kernelInitializer,
        recurrentInitializer, biasInitializer, kernelRegularizer, recurrentRegularizer, dropout, recurrentDropout,
        returnSequences, returnState, goBackwards, stateful, resetAfter, name)
{
    /// <summary>Whether the reset gate applies after the recurrent product (TF2) or before it (Keras 2.0).</summary>
    public bool ResetAfter => Cell.ResetAfter;

    /// <inheritdoc/>
    public override string TypeName => "GRU";

    /// <inheritdoc/>
    private protected override int[] BiasShape => ResetAfter ? [2, Gates * Units] : [Gates * Units];

    /// <inheritdoc/>
    private protected override Variable<T> InputBias<T>()
        => ResetAfter ? Bias!.Variable<T>().Narrow(0, 0, 1).Squeeze(0) : Bias!.Variable<T>();

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig()) { ["reset_after"] = ResetAfter };

    /// <inheritdoc/>
    public override RecurrentLayer Mirror(string name) =>
        new Gru(Units, Activation, RecurrentActivation, UseBias, KernelInitializer, RecurrentInitializer,
            BiasInitializer, ResetAfter, KernelRegularizer, RecurrentRegularizer, DropoutRate, RecurrentDropoutRate,
            ReturnSequences, ReturnState, !GoBackwards, Stateful, name) { InputDropoutMask = InputDropoutMask };
}

using DeepSeq.Kernels;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>SimpleRNN(units, activation="tanh", use_bias=True, kernel_initializer="glorot_uniform",
/// recurrent_initializer="orthogonal", bias_initializer="zeros", dropout=0, recurrent_dropout=0, …)</c>:
/// h_t = activation(x_t·W + b + (h_{t−1} ⊙ m)·U), with units·(features + units + 1) parameters.
/// </summary>
/// <remarks>The shared arguments and semantics are <see cref="RecurrentLayer"/>'s; the kernel is
/// src/Kernels/Cpu/SimpleRnn.cs.</remarks>
public sealed class SimpleRnn(int units, string activation = "tanh", bool useBias = true,
    string kernelInitializer = "glorot_uniform", string recurrentInitializer = "orthogonal",
    string biasInitializer = "zeros", Regularizer? kernelRegularizer = null, Regularizer? recurrentRegularizer = null,
    double dropout = 0, double recurrentDropout = 0, bool returnSequences = false, bool returnState = false,
    bool goBackwards = false, bool stateful = false, string? name = null)
    : RecurrentLayer(CellKind.SimpleRnn, units, activation, "sigmoid", useBias, kernelInitializer,
        recurrentInitializer, biasInitializer, kernelRegularizer, recurrentRegularizer, dropout, recurrentDropout,
        returnSequences, returnState, goBackwards, stateful, resetAfter: false, name)
{
    /// <inheritdoc/>
    public override string TypeName => "SimpleRNN";

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
    {
        var config = new Dictionary<string, object?>(base.GetConfig());
        config.Remove("recurrent_activation");   // a simple RNN has no gates
        return config;
    }

    /// <inheritdoc/>
    public override RecurrentLayer Mirror(string name) =>
        new SimpleRnn(Units, Activation, UseBias, KernelInitializer, RecurrentInitializer, BiasInitializer,
            KernelRegularizer, RecurrentRegularizer, DropoutRate, RecurrentDropoutRate, ReturnSequences, ReturnState,
            !GoBackwards, Stateful, name) { InputDropoutMask = InputDropoutMask };
}

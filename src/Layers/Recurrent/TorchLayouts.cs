namespace DeepSeq.Layers;

/// <summary>
/// Recurrent weights between PyTorch's layouts and Keras's (the ones DeepSeq's layers store), so that a learner can
/// load an <c>nn.LSTM</c>, <c>nn.GRU</c> or <c>nn.RNN</c> trained elsewhere with <see cref="Layer.SetWeights{T}"/>.
/// </summary>
/// <remarks>
/// <para>PyTorch stores <c>weight_ih_l0</c> (gates·units, in) and <c>weight_hh_l0</c> (gates·units, units), used as
/// x·Wᵀ, with two biases <c>bias_ih_l0</c> and <c>bias_hh_l0</c>. Keras stores the kernel (in, gates·units) and the
/// recurrent kernel (units, gates·units), used as x·W: the transposes.</para>
/// <list type="bullet">
/// <item>LSTM: both use the gate order i, f, g (Keras's c), o; Keras has one bias, b_ih + b_hh (back to PyTorch as
/// b_ih = bias, b_hh = 0, which computes the same).</item>
/// <item>GRU: PyTorch's order is r, z, n, Keras's z, r, h, and PyTorch's GRU is Keras's <c>reset_after=True</c>
/// (n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))): Keras's bias (2, 3·units) holds b_ih then b_hh, reordered.</item>
/// <item>SimpleRNN (<c>nn.RNN</c>): one gate; the bias is b_ih + b_hh.</item>
/// </list>
/// </remarks>
public static class TorchLayouts
{
    /// <summary>Keras's (kernel, recurrent_kernel, bias) of an LSTM from PyTorch's four tensors.</summary>
    public static Tensor<T>[] LstmFromTorch<T>(Tensor<T> weightIh, Tensor<T> weightHh, Tensor<T> biasIh,
        Tensor<T> biasHh) where T : unmanaged, IFloatingPointIeee754<T>
        => [weightIh.Transpose().Copy(), weightHh.Transpose().Copy(), biasIh + biasHh];

    /// <summary>PyTorch's (weight_ih, weight_hh, bias_ih, bias_hh) of an LSTM from Keras's three weights.</summary>
    public static Tensor<T>[] LstmToTorch<T>(Tensor<T> kernel, Tensor<T> recurrentKernel, Tensor<T> bias)
        where T : unmanaged, IFloatingPointIeee754<T>
        => [kernel.Transpose().Copy(), recurrentKernel.Transpose().Copy(), bias.Copy(), Tensor.Zeros<T>(bias.Shape, bias.Device)];

    /// <summary>Keras's (kernel, recurrent_kernel, bias) of a SimpleRNN from <c>nn.RNN</c>'s four tensors.</summary>
    public static Tensor<T>[] SimpleRnnFromTorch<T>(Tensor<T> weightIh, Tensor<T> weightHh, Tensor<T> biasIh,
        Tensor<T> biasHh) where T : unmanaged, IFloatingPointIeee754<T>
        => LstmFromTorch(weightIh, weightHh, biasIh, biasHh);

    /// <summary>Keras's (kernel, recurrent_kernel, bias (2, 3·units)) of a GRU with reset_after from PyTorch's four
    /// tensors: gates r, z, n reordered to z, r, h.</summary>
    public static Tensor<T>[] GruFromTorch<T>(Tensor<T> weightIh, Tensor<T> weightHh, Tensor<T> biasIh,
        Tensor<T> biasHh) where T : unmanaged, IFloatingPointIeee754<T>
        => [SwapFirstTwoGates(weightIh).Transpose().Copy(), SwapFirstTwoGates(weightHh).Transpose().Copy(),
            Tensor.Stack([SwapFirstTwoGates(biasIh), SwapFirstTwoGates(biasHh)])];

    /// <summary>PyTorch's (weight_ih, weight_hh, bias_ih, bias_hh) of a GRU from Keras's weights (reset_after).</summary>
    public static Tensor<T>[] GruToTorch<T>(Tensor<T> kernel, Tensor<T> recurrentKernel, Tensor<T> bias)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bias.Shape.Rank != 2 || bias.Shape[0] != 2)
            throw new ArgumentException(
                $"GruToTorch: the bias must be (2, 3·units) (a GRU with reset_after), got {bias.Shape}");
        return [SwapFirstTwoGates(kernel.Transpose()), SwapFirstTwoGates(recurrentKernel.Transpose()),
            SwapFirstTwoGates(bias.Narrow(0, 0, 1).Squeeze(0)), SwapFirstTwoGates(bias.Narrow(0, 1, 1).Squeeze(0))];
    }

    /// <summary>Blocks [a, b, c] of axis 0 (three gates) as [b, a, c]: r, z, n ↔ z, r, h. Its own inverse.</summary>
    private static Tensor<T> SwapFirstTwoGates<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Shape[0] % 3 != 0)
            throw new ArgumentException($"GRU weights: axis 0 must hold three gates, got {x.Shape}");
        int n = x.Shape[0] / 3;
        return Tensor.Concat([x.Narrow(0, n, n), x.Narrow(0, 0, n), x.Narrow(0, 2 * n, n)]);
    }
}

namespace DeepSeq.Layers;

/// <summary>
/// How a recurrent layer draws its input-dropout mask while training (<see cref="RecurrentLayer.InputDropoutMask"/>).
/// Keras has both, chosen for the user by which implementation a layer runs; DeepSeq lets the user say which.
/// </summary>
public enum InputDropoutMask
{
    /// <summary>
    /// Keras 2's cells (Gal and Ghahramani's variational dropout): one mask (batch, features) per gate, drawn once
    /// per call and reused at every step. What every Keras SimpleRNN does, and TF2's LSTM and GRU whenever they run
    /// their cell loop (recurrent_dropout &gt; 0, an activation other than tanh/sigmoid, use_bias false, unroll, or a
    /// GRU with reset_after false).
    /// </summary>
    TimeConstant,

    /// <summary>
    /// TF2's LSTM and GRU on their fused path (the one that may run cuDNN, taken when none of the conditions above
    /// holds): one mask over the whole (batch, steps, features) input, a fresh draw for every element and step,
    /// shared by all gates; Keras's recurrent_v2.py multiplies <c>inputs * dropout_mask[0]</c> with the mask drawn
    /// from <c>ones_like(inputs)</c> before the fused kernel. A network trained this way sees each step's input kept
    /// or dropped independently, so its prediction averaged over the window stays unbiased in inference, which the
    /// time-constant mask does not guarantee on unscaled inputs (E1 in samples/RecurrentProjects).
    /// </summary>
    PerElement,
}

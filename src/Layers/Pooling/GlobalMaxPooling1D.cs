namespace DeepSeq.Layers;

/// <summary>Keras <c>GlobalMaxPooling1D(keepdims=False)</c>: the maximum of each channel of (batch, steps, channels) over
/// steps, giving (batch, channels) (see <see cref="GlobalPoolingLayer"/>).</summary>
/// <param name="keepDims">keep the pooled axes as size 1</param>
/// <param name="name">layer name; default <c>global_max_pooling1d</c>, …</param>
public sealed class GlobalMaxPooling1D(bool keepDims = false, string? name = null)
    : GlobalPoolingLayer(1, true, keepDims, name);

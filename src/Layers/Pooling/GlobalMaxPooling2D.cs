namespace DeepSeq.Layers;

/// <summary>Keras <c>GlobalMaxPooling2D(keepdims=False)</c>: the maximum of each channel of (batch, height, width, channels) over
/// height and width, giving (batch, channels) (see <see cref="GlobalPoolingLayer"/>).</summary>
/// <param name="keepDims">keep the pooled axes as size 1</param>
/// <param name="name">layer name; default <c>global_max_pooling2d</c>, …</param>
public sealed class GlobalMaxPooling2D(bool keepDims = false, string? name = null)
    : GlobalPoolingLayer(2, true, keepDims, name);

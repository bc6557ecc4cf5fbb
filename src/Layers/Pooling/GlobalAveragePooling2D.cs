namespace DeepSeq.Layers;

/// <summary>Keras <c>GlobalAveragePooling2D(keepdims=False)</c>: the mean of each channel of (batch, height, width, channels) over
/// height and width, giving (batch, channels) (see <see cref="GlobalPoolingLayer"/>).</summary>
/// <param name="keepDims">keep the pooled axes as size 1</param>
/// <param name="name">layer name; default <c>global_average_pooling2d</c>, …</param>
public sealed class GlobalAveragePooling2D(bool keepDims = false, string? name = null)
    : GlobalPoolingLayer(2, false, keepDims, name);

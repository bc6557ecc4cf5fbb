namespace DeepSeq.Layers;

/// <summary>Keras <c>AveragePooling2D(pool_size=(2, 2), strides=None, padding="valid")</c> on (batch, height, width,
/// channels): the mean of each channel over windows of <paramref name="poolSize"/> (see
/// <see cref="PoolingLayer"/>).</summary>
/// <param name="poolSize">(height, width) of the window; null = (2, 2)</param>
/// <param name="strides">(rows, columns) between windows; null = <paramref name="poolSize"/></param>
/// <param name="padding"><c>valid</c> or <c>same</c></param>
/// <param name="name">layer name; default <c>average_pooling2d</c>, …</param>
public sealed class AveragePooling2D((int H, int W)? poolSize = null, (int H, int W)? strides = null,
    string padding = "valid", string? name = null)
    : PoolingLayer(2, false, poolSize ?? (2, 2), strides, padding, name);

namespace DeepSeq.Layers;

/// <summary>Keras <c>AveragePooling1D(pool_size=2, strides=None, padding="valid")</c> on (batch, steps, channels):
/// the mean of each channel over windows of <paramref name="poolSize"/> steps (see <see cref="PoolingLayer"/>).
/// </summary>
/// <param name="poolSize">window length, ≥ 1</param>
/// <param name="strides">steps between windows; null = <paramref name="poolSize"/></param>
/// <param name="padding"><c>valid</c> or <c>same</c></param>
/// <param name="name">layer name; default <c>average_pooling1d</c>, …</param>
public sealed class AveragePooling1D(int poolSize = 2, int? strides = null, string padding = "valid",
    string? name = null)
    : PoolingLayer(1, false, (1, poolSize), strides is int s ? (1, s) : null, padding, name);

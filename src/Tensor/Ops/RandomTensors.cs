using System.Numerics;
using DeepSeq.Devices;

namespace DeepSeq;

/// <summary>
/// Random tensors. The numbers come from a <see cref="Generator"/> (Philox4x32-10,
/// keyed by its seed, at its running offset), so the same seed gives the same tensor on every run and
/// on every device: they are drawn on the host and then copied to the requested device. Weights filled by a Keras
/// initialiser name (<c>Tensor.Initialize</c>, "glorot_uniform", …) live in DeepSeq.Layers (Initializers/).
/// </summary>
public static partial class Tensor
{
    /// <summary>Elements drawn from U[low, high). NumPy <c>uniform</c>, PyTorch <c>rand</c> scaled.</summary>
    public static Tensor<T> RandomUniform<T>(Shape shape, Generator generator, T low, T high, Device? device = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(low <= high)) throw new ArgumentException($"random_uniform: low {low} must not exceed high {high}");
        return Draw<T>(shape, device, data => generator.Uniform(data, low, high));
    }

    /// <summary>Elements drawn from N(mean, std²). NumPy <c>normal</c>, PyTorch <c>randn</c> scaled.</summary>
    public static Tensor<T> RandomNormal<T>(Shape shape, Generator generator, T mean, T std, Device? device = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(std >= T.Zero)) throw new ArgumentException($"random_normal: std {std} must be >= 0");
        return Draw<T>(shape, device, data => generator.Normal(data, mean, std));
    }

    /// <summary>
    /// 1 with probability <paramref name="p"/>, else 0 (the draw behind a dropout mask). PyTorch <c>bernoulli</c>.
    /// </summary>
    public static Tensor<T> Bernoulli<T>(Shape shape, Generator generator, T p, Device? device = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(p >= T.Zero && p <= T.One)) throw new ArgumentException($"bernoulli: p {p} must lie in [0, 1]");
        return Draw<T>(shape, device, data => generator.Bernoulli(data, p));
    }

    private static Tensor<T> Draw<T>(Shape shape, Device? device, SpanAction<T> fill) where T : unmanaged, INumber<T>
    {
        var data = new T[shape.Size];
        fill(data);
        return FromArray<T>(data, shape, device);
    }

    private delegate void SpanAction<T>(Span<T> data);
}

using System.Numerics;
using DeepSeq.Kernels;

namespace DeepSeq;

/// <summary>
/// Strides, dilation and explicit zero padding of a 2-d window operation (convolution, pooling). The layers turn
/// Keras's <c>padding="valid" | "same" | "causal"</c> into these four numbers (see <see cref="Same"/>).
/// </summary>
/// <param name="Strides">steps between output pixels, ≥ 1</param>
/// <param name="Dilation">steps between window taps, ≥ 1</param>
/// <param name="Padding">zero rows above and below, zero columns left and right, ≥ 0</param>
public readonly record struct WindowSpec((int H, int W) Strides, (int H, int W) Dilation,
    (int Top, int Bottom, int Left, int Right) Padding)
{
    /// <summary>Stride 1, no dilation, no padding ("valid").</summary>
    public static WindowSpec Valid => new((1, 1), (1, 1), (0, 0, 0, 0));

    /// <summary>
    /// TensorFlow's <c>padding="same"</c> along one axis: the output has ⌈size / stride⌉ positions, and the
    /// missing span, max((out − 1)·stride + (window − 1)·dilation + 1 − size, 0), is padded with its smaller
    /// half before and the larger half after.
    /// </summary>
    public static (int Before, int After) Same(int size, int window, int stride, int dilation)
    {
        int outSize = (size + stride - 1) / stride;
        int total = Math.Max((outSize - 1) * stride + (window - 1) * dilation + 1 - size, 0);
        return (total / 2, total - total / 2);
    }

    internal ConvGeometry Geometry(string op, Shape x, int kh, int kw, int outC) =>
        ConvGeometry.Create(op, x[0], x[1], x[2], x[3], kh, kw, outC, Strides, Dilation, Padding);
}

/// <summary>
/// 2-d convolution over channels-last tensors, and the two gradients its backward pass needs. A 1-d
/// convolution is the height-1 case (the layers reshape).
/// </summary>
public static class Convolution
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// y = x ⋆ w (cross-correlation, as every framework's "convolution"): x (batch, height, width, in),
        /// w (kh, kw, in, out) → y (batch, out height, out width, out), with
        /// y[b, i, j, o] = Σ_p,q,c x[b, i·sh − top + p·dh, j·sw − left + q·dw, c] · w[p, q, c, o], zeros outside x.
        /// </summary>
        public Tensor<T> Conv2D(Tensor<T> w, WindowSpec spec)
        {
            var g = Conv2DGeometry("conv2d", x.Shape, w.Shape, spec);
            Primitives.SameDevice("conv2d", x, w);
            var y = Tensor.Empty<T>(OutputShape(g, g.OutC), x.Device);
            x.Device.Conv2D(y.Storage, Dense(x).Storage, Dense(w).Storage, g);
            return y;
        }
    }

    /// <summary>∂L/∂x of <see cref="Conv2D{T}"/>: dy (batch, out height, out width, out), w (kh, kw, in, out)
    /// → dx of <paramref name="inputShape"/>.</summary>
    public static Tensor<T> Conv2DInputGradient<T>(Tensor<T> dy, Tensor<T> w, Shape inputShape, WindowSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Conv2DGeometry("conv2d input gradient", inputShape, w.Shape, spec);
        CheckOutput("conv2d input gradient", dy.Shape, g, g.OutC);
        Primitives.SameDevice("conv2d input gradient", dy, w);
        var dx = Tensor.Empty<T>(inputShape, dy.Device);
        dy.Device.Conv2DInputGradient(dx.Storage, Dense(dy).Storage, Dense(w).Storage, g);
        return dx;
    }

    /// <summary>∂L/∂w of <see cref="Conv2D{T}"/>: x (batch, height, width, in), dy (batch, out height, out width,
    /// out) → dw of <paramref name="kernelShape"/> (kh, kw, in, out).</summary>
    public static Tensor<T> Conv2DWeightGradient<T>(Tensor<T> x, Tensor<T> dy, Shape kernelShape, WindowSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Conv2DGeometry("conv2d weight gradient", x.Shape, kernelShape, spec);
        CheckOutput("conv2d weight gradient", dy.Shape, g, g.OutC);
        Primitives.SameDevice("conv2d weight gradient", x, dy);
        var dw = Tensor.Empty<T>(kernelShape, x.Device);
        x.Device.Conv2DWeightGradient(dw.Storage, Dense(x).Storage, Dense(dy).Storage, g);
        return dw;
    }

    private static ConvGeometry Conv2DGeometry(string op, Shape x, Shape w, WindowSpec spec)
    {
        if (x.Rank != 4)
            throw new ArgumentException($"{op}: the input must be (batch, height, width, channels), got {x}");
        if (w.Rank != 4)
            throw new ArgumentException($"{op}: the kernel must be (height, width, in channels, out channels), " +
                                        $"got {w}");
        if (x[3] != w[2])
            throw new ArgumentException($"{op}: input {x} has {x[3]} channels but kernel {w} expects {w[2]}");
        return spec.Geometry($"{op} of input {x} with kernel {w}", x, w[0], w[1], w[3]);
    }

    /// <summary>(batch, out height, out width, channels) of a geometry.</summary>
    internal static Shape OutputShape(in ConvGeometry g, int channels) => new(g.Batch, g.OutH, g.OutW, channels);

    /// <summary>Throws unless an incoming gradient has the shape the forward pass produced.</summary>
    internal static void CheckOutput(string op, Shape dy, in ConvGeometry g, int channels)
    {
        var expected = OutputShape(g, channels);
        if (dy != expected)
            throw new ArgumentException($"{op}: the output gradient is {dy} but the forward output was {expected}");
    }

    /// <summary>The tensor itself when its elements are dense from element 0 of its storage (what the kernels
    /// read), else a dense copy.</summary>
    internal static Tensor<T> Dense<T>(Tensor<T> t) where T : unmanaged, INumber<T> =>
        t.IsContiguous && t.Offset == 0 && t.Storage.Length == t.Size ? t : t.Copy();
}

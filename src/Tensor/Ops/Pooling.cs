using System.Numerics;
using DeepSeq.Kernels;

namespace DeepSeq;

/// <summary>
/// Max and average pooling over channels-last tensors (batch, height, width, channels), and their gradients.
/// Each channel is pooled alone; padding is never a value (max skips it, average divides by the positions
/// inside the input, as Keras does).
/// </summary>
public static class Pooling
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>y[b, i, j, c] = max over the (ph × pw) window of output pixel (i, j); a NaN wins.</summary>
        public Tensor<T> MaxPool2D((int H, int W) pool, WindowSpec spec)
        {
            var g = Geometry("max_pool2d", x.Shape, pool, spec);
            var y = Tensor.Empty<T>(Convolution.OutputShape(g, g.InC), x.Device);
            x.Device.MaxPool2D(y.Storage, Convolution.Dense(x).Storage, g);
            return y;
        }

        /// <summary>y[b, i, j, c] = mean over the window's positions inside x.</summary>
        public Tensor<T> AvgPool2D((int H, int W) pool, WindowSpec spec)
        {
            var g = Geometry("avg_pool2d", x.Shape, pool, spec);
            var y = Tensor.Empty<T>(Convolution.OutputShape(g, g.InC), x.Device);
            x.Device.AvgPool2D(y.Storage, Convolution.Dense(x).Storage, g);
            return y;
        }
    }

    /// <summary>∂L/∂x of <see cref="MaxPool2D{T}"/>: each window's dy to its first maximum in x (row-major window
    /// order, as TensorFlow), overlapping windows adding up.</summary>
    public static Tensor<T> MaxPool2DBackward<T>(Tensor<T> dy, Tensor<T> x, (int H, int W) pool, WindowSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Geometry("max_pool2d backward", x.Shape, pool, spec);
        Convolution.CheckOutput("max_pool2d backward", dy.Shape, g, g.InC);
        Primitives.SameDevice("max_pool2d backward", dy, x);
        var dx = Tensor.Empty<T>(x.Shape, x.Device);
        x.Device.MaxPool2DBackward(dx.Storage, Convolution.Dense(dy).Storage, Convolution.Dense(x).Storage, g);
        return dx;
    }

    /// <summary>∂L/∂x of <see cref="AvgPool2D{T}"/>: each window's dy divided by its count, to every position
    /// inside it.</summary>
    public static Tensor<T> AvgPool2DBackward<T>(Tensor<T> dy, Shape inputShape, (int H, int W) pool,
        WindowSpec spec)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = Geometry("avg_pool2d backward", inputShape, pool, spec);
        Convolution.CheckOutput("avg_pool2d backward", dy.Shape, g, g.InC);
        var dx = Tensor.Empty<T>(inputShape, dy.Device);
        dy.Device.AvgPool2DBackward(dx.Storage, Convolution.Dense(dy).Storage, g);
        return dx;
    }

    private static ConvGeometry Geometry(string op, Shape x, (int H, int W) pool, WindowSpec spec)
    {
        if (x.Rank != 4)
            throw new ArgumentException($"{op}: the input must be (batch, height, width, channels), got {x}");
        return spec.Geometry($"{op} of input {x} with a {pool.H} × {pool.W} window", x, pool.H, pool.W, x[3]);
    }
}

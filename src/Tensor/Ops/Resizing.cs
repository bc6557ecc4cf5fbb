using System.Numerics;
using DeepSeq.Devices;

namespace DeepSeq;

/// <summary>
/// Bilinear image resizing of channels-last tensors (batch, height, width, channels), as TensorFlow 2's
/// <c>tf.image.resize(images, (height, width), "bilinear")</c> and OpenCV's <c>cv2.resize(…, INTER_LINEAR)</c>
/// compute it: half-pixel centres, no antialiasing.
/// </summary>
/// <remarks>
/// Bilinear interpolation is separable and linear, so a resize is two matrix products: y = R_h · x · R_wᵀ per image
/// and channel, where R_h (height × h) and R_w (width × w) are the interpolation matrices of
/// <see cref="BilinearMatrix{T}"/>. Written that way it needs no kernel of its own, runs on every device the
/// matmul runs on, and its gradient is the matmul's (the autograd's <c>ResizeBilinear</c> composes the same two
/// products).
/// </remarks>
public static class Resizing
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// y[b, i, j, c] = Σ_p,q R_h[i, p] · x[b, p, q, c] · R_w[j, q]: each output pixel the bilinear blend of the
        /// (up to) four input pixels around its centre mapped back into x.
        /// </summary>
        /// <param name="height">output height, ≥ 1</param>
        /// <param name="width">output width, ≥ 1</param>
        public Tensor<T> ResizeBilinear(int height, int width)
        {
            var (n, h, w, c) = CheckImages("resize_bilinear", x.Shape, height, width);
            var rows = BilinearMatrix<T>(h, height, x.Device);
            var columns = BilinearMatrix<T>(w, width, x.Device);
            var tall = rows.MatMul(x.Reshape(n, h, w * c));                    // (n, height, w · c)
            var wide = columns.MatMul(tall.Reshape(n * height, w, c));         // (n · height, width, c)
            return wide.Reshape(n, height, width, c);
        }
    }

    /// <summary>
    /// The (<paramref name="to"/> × <paramref name="from"/>) matrix that resizes a line of <paramref name="from"/>
    /// samples to <paramref name="to"/>: row i maps output centre i + ½ to s = (i + ½) · from / to − ½ in the input,
    /// clamps s to [0, from − 1], and puts 1 − f on ⌊s⌋ and f = s − ⌊s⌋ on ⌊s⌋ + 1 (each row sums to 1).
    /// </summary>
    public static Tensor<T> BilinearMatrix<T>(int from, int to, Device? device = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (from < 1 || to < 1)
            throw new ArgumentException($"resize_bilinear: sizes must be at least 1, got {from} → {to}");
        var m = new T[to * from];
        double scale = (double)from / to;
        for (int i = 0; i < to; i++)
        {
            double s = Math.Clamp((i + 0.5) * scale - 0.5, 0, from - 1);
            int low = (int)Math.Floor(s), high = Math.Min(low + 1, from - 1);
            double f = s - low;
            m[i * from + low] += T.CreateChecked(1 - f);
            m[i * from + high] += T.CreateChecked(f);
        }
        return Tensor.FromArray(m, new Shape(to, from), device);
    }

    /// <summary>The (batch, height, width, channels) of a resize input, or an exception naming
    /// <paramref name="op"/> and the shapes.</summary>
    public static (int N, int H, int W, int C) CheckImages(string op, Shape x, int height, int width)
    {
        if (x.Rank != 4)
            throw new ArgumentException($"{op}: the input must be (batch, height, width, channels), got {x}");
        if (height < 1 || width < 1)
            throw new ArgumentException($"{op}: {x} → ({height} × {width}): output sizes must be at least 1");
        if (x[1] == 0 || x[2] == 0)
            throw new ArgumentException($"{op}: {x} has no pixels to interpolate from");
        return (x[0], x[1], x[2], x[3]);
    }
}

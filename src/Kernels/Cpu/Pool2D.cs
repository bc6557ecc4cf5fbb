// y[b, oh, ow, c] = max (or mean) of x[b, ih, iw, c] over the window of (oh, ow)      channels-last, dense
//
// Pooling reads each input a few times and does one comparison or add per read: it is bound by memory, not
// arithmetic, so one direct version is the production one (a GEMM has nothing to offer here). Channels are the
// inner loop, so every window tap is a contiguous run. Parallel over images; sums in a fixed order.
// The GPU twin (Gpu/Pool2D.cs) takes the same buffers in the same order.
using System.Buffers;
using System.Numerics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// Max and average pooling over dense channels-last buffers, and their gradients. <see cref="ConvGeometry"/>
/// gives the window (KH × KW), strides and padding; OutC equals InC. Outputs are overwritten.
/// </summary>
/// <remarks>
/// Padding is never a value: max pooling skips it and average pooling divides by the number of window positions
/// inside the input, as Keras (TensorFlow) does with <c>padding="same"</c>. A window with no position inside the
/// input (impossible with Keras's paddings) gives −∞ for max and 0 for average.
/// </remarks>
public static class Pool2D
{
    /// <summary>y = the maximum over each window (NumPy's <c>maximum</c> tap by tap, vectorised over the channels): a
    /// NaN in a window makes its maximum NaN.</summary>
    public static void MaxForward<T>(T[] y, T[] x, ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
        => Blocks.For(g.Batch, g.OutputSize * g.KH * g.KW, b =>
        {
            for (int oh = 0; oh < g.OutH; oh++)
            for (int ow = 0; ow < g.OutW; ow++)
            {
                var best = y.AsSpan(g.OutputIndex(b, oh, ow, 0), g.OutC);
                best.Fill(T.NegativeInfinity);
                for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                {
                    if (!g.Tap(oh, ow, kh, kw, out int ih, out int iw)) continue;
                    Zip.Contiguous<T, MaximumOp<T>>(best, best, x.AsSpan(g.InputIndex(b, ih, iw, 0), g.InC));
                }
            }
        });

    /// <summary>
    /// dx = ∂L/∂x of max pooling: each window's dy goes whole to the position of its maximum, the first one in
    /// row-major window order when several are equal (as TensorFlow's MaxPoolGrad); windows that overlap add up.
    /// </summary>
    public static void MaxBackward<T>(T[] dx, T[] dy, T[] x, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Array.Clear(dx, 0, (int)g.InputSize);
        Blocks.For(g.Batch, g.OutputSize * g.KH * g.KW, b =>
        {
            var best = ArrayPool<T>.Shared.Rent(g.InC);
            var at = ArrayPool<int>.Shared.Rent(g.InC);
            for (int oh = 0; oh < g.OutH; oh++)
            for (int ow = 0; ow < g.OutW; ow++)
            {
                best.AsSpan(0, g.InC).Fill(T.NegativeInfinity);
                at.AsSpan(0, g.InC).Fill(-1);
                for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                {
                    if (!g.Tap(oh, ow, kh, kw, out int ih, out int iw)) continue;
                    int start = g.InputIndex(b, ih, iw, 0);
                    for (int c = 0; c < g.InC; c++)
                        if (at[c] < 0 || x[start + c] > best[c] || (T.IsNaN(x[start + c]) && !T.IsNaN(best[c])))
                            (best[c], at[c]) = (x[start + c], start + c);
                }
                int o = g.OutputIndex(b, oh, ow, 0);
                for (int c = 0; c < g.InC; c++)
                    if (at[c] >= 0) dx[at[c]] += dy[o + c];
            }
            ArrayPool<T>.Shared.Return(best);
            ArrayPool<int>.Shared.Return(at);
        });
    }

    /// <summary>y = the mean over each window's positions inside the input.</summary>
    public static void AverageForward<T>(T[] y, T[] x, ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
        => Blocks.For(g.Batch, g.OutputSize * g.KH * g.KW, b =>
        {
            for (int oh = 0; oh < g.OutH; oh++)
            for (int ow = 0; ow < g.OutW; ow++)
            {
                var sum = y.AsSpan(g.OutputIndex(b, oh, ow, 0), g.OutC);
                sum.Clear();
                for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                {
                    if (!g.Tap(oh, ow, kh, kw, out int ih, out int iw)) continue;
                    Zip.Contiguous<T, AddOp<T>>(sum, sum, x.AsSpan(g.InputIndex(b, ih, iw, 0), g.InC));
                }
                int count = g.TapsInside(oh, ow);
                if (count > 0)
                    for (int c = 0; c < sum.Length; c++) sum[c] /= T.CreateTruncating(count);
            }
        });

    /// <summary>dx = ∂L/∂x of average pooling: each window's dy, divided by its count, to every position inside.
    /// </summary>
    public static void AverageBackward<T>(T[] dx, T[] dy, ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Array.Clear(dx, 0, (int)g.InputSize);
        Blocks.For(g.Batch, g.OutputSize * g.KH * g.KW, b =>
        {
            for (int oh = 0; oh < g.OutH; oh++)
            for (int ow = 0; ow < g.OutW; ow++)
            {
                int count = g.TapsInside(oh, ow), o = g.OutputIndex(b, oh, ow, 0);
                for (int kh = 0; kh < g.KH; kh++)
                for (int kw = 0; kw < g.KW; kw++)
                {
                    if (!g.Tap(oh, ow, kh, kw, out int ih, out int iw)) continue;
                    int start = g.InputIndex(b, ih, iw, 0);
                    for (int c = 0; c < g.InC; c++) dx[start + c] += dy[o + c] / T.CreateTruncating(count);
                }
            }
        });
    }
}

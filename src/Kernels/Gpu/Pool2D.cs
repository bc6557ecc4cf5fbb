using System.Numerics;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>
/// ILGPU twin of <see cref="Cpu.Pool2D"/>: max and average pooling over dense channels-last buffers and their
/// gradients, one thread per output element, with the CPU twin's rules (padding skipped; ties to the first
/// maximum in row-major window order; a NaN wins).
/// </summary>
public static class Pool2D
{
    /// <summary>y = the maximum over each window; thread i is y's element i.</summary>
    public static void MaxForward<T>(Index1D i, ArrayView<T> y, ArrayView<T> x, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = i % g.OutC, pixel = i / g.OutC;
        int ow = pixel % g.OutW, oh = pixel / g.OutW % g.OutH, b = pixel / (g.OutW * g.OutH);
        y[i] = Max(x, g, b, oh, ow, c, out _);
    }

    /// <summary>dx = ∂L/∂x of max pooling: thread i (dx's element i) adds the dy of every window whose maximum it
    /// is.</summary>
    public static void MaxBackward<T>(Index1D i, ArrayView<T> dx, ArrayView<T> dy, ArrayView<T> x, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = i % g.InC, pixel = i / g.InC;
        int iw = pixel % g.InW, ih = pixel / g.InW % g.InH, b = pixel / (g.InW * g.InH);
        T sum = T.Zero;
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
        {
            if (!g.OutputOf(ih, iw, kh, kw, out int oh, out int ow)) continue;
            Max(x, g, b, oh, ow, c, out int at);
            if (at == (int)i) sum += dy[g.OutputIndex(b, oh, ow, c)];
        }
        dx[i] = sum;
    }

    /// <summary>y = the mean over each window's positions inside the input; thread i is y's element i.</summary>
    public static void AverageForward<T>(Index1D i, ArrayView<T> y, ArrayView<T> x, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = i % g.OutC, pixel = i / g.OutC;
        int ow = pixel % g.OutW, oh = pixel / g.OutW % g.OutH, b = pixel / (g.OutW * g.OutH);
        T sum = T.Zero;
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
            if (g.Tap(oh, ow, kh, kw, out int ih, out int iw)) sum += x[g.InputIndex(b, ih, iw, c)];
        int count = g.TapsInside(oh, ow);
        y[i] = count > 0 ? sum / Count<T>(count) : T.Zero;
    }

    /// <summary>dx = ∂L/∂x of average pooling: thread i (dx's element i) adds dy / count of every window holding it.
    /// </summary>
    public static void AverageBackward<T>(Index1D i, ArrayView<T> dx, ArrayView<T> dy, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int c = i % g.InC, pixel = i / g.InC;
        int iw = pixel % g.InW, ih = pixel / g.InW % g.InH, b = pixel / (g.InW * g.InH);
        T sum = T.Zero;
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
            if (g.OutputOf(ih, iw, kh, kw, out int oh, out int ow))
                sum += dy[g.OutputIndex(b, oh, ow, c)] / Count<T>(g.TapsInside(oh, ow));
        dx[i] = sum;
    }

    // n as a T, by counting: ILGPU cannot compile T.CreateTruncating (a typeof-based conversion).
    private static T Count<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T count = T.Zero;
        for (int j = 0; j < n; j++) count += T.One;
        return count;
    }

    // The maximum of channel c over window (oh, ow) and the buffer position of the first one (−1 if none inside).
    private static T Max<T>(ArrayView<T> x, ConvGeometry g, int b, int oh, int ow, int c, out int at)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T best = T.NegativeInfinity;
        at = -1;
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
        {
            if (!g.Tap(oh, ow, kh, kw, out int ih, out int iw)) continue;
            int p = g.InputIndex(b, ih, iw, c);
            T v = x[p];
            if (at < 0 || v > best || (T.IsNaN(v) && !T.IsNaN(best))) { best = v; at = p; }
        }
        return best;
    }
}

using System.Numerics;
using ILGPU;

namespace DeepSeq.Kernels.Gpu;

/// <summary>
/// ILGPU twin of <see cref="Cpu.Conv2D"/>: the three passes of a channels-last convolution over dense buffers,
/// one thread per output element, each thread summing in a fixed order.
/// </summary>
/// <remarks>
/// Version 1, direct: the definition read straight from global memory. It proves the device seam and is tested
/// against the CPU twin; the tiled (implicit-GEMM) kernels belong to the CUDA issue.
/// </remarks>
public static class Conv2D
{
    /// <summary>y[b, oh, ow, oc] = Σ_kh,kw,ic x[b, ih, iw, ic] · w[kh, kw, ic, oc]; thread i is y's element i.</summary>
    public static void Forward<T>(Index1D i, ArrayView<T> y, ArrayView<T> x, ArrayView<T> w, ConvGeometry g)
        where T : unmanaged, INumber<T>
    {
        int oc = i % g.OutC, pixel = i / g.OutC;
        int ow = pixel % g.OutW, oh = pixel / g.OutW % g.OutH, b = pixel / (g.OutW * g.OutH);
        T sum = T.Zero;
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
        {
            if (!g.Tap(oh, ow, kh, kw, out int ih, out int iw)) continue;
            for (int ic = 0; ic < g.InC; ic++) sum += x[g.InputIndex(b, ih, iw, ic)] * w[g.KernelIndex(kh, kw, ic, oc)];
        }
        y[i] = sum;
    }

    /// <summary>dx[b, ih, iw, ic] = Σ over the (oh, ow, kh, kw) that read it of dy[b, oh, ow, oc] · w[kh, kw, ic, oc];
    /// thread i is dx's element i.</summary>
    public static void InputGradient<T>(Index1D i, ArrayView<T> dx, ArrayView<T> dy, ArrayView<T> w, ConvGeometry g)
        where T : unmanaged, INumber<T>
    {
        int ic = i % g.InC, pixel = i / g.InC;
        int iw = pixel % g.InW, ih = pixel / g.InW % g.InH, b = pixel / (g.InW * g.InH);
        T sum = T.Zero;
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
        {
            if (!g.OutputOf(ih, iw, kh, kw, out int oh, out int ow)) continue;
            for (int oc = 0; oc < g.OutC; oc++)
                sum += dy[g.OutputIndex(b, oh, ow, oc)] * w[g.KernelIndex(kh, kw, ic, oc)];
        }
        dx[i] = sum;
    }

    /// <summary>dw[kh, kw, ic, oc] = Σ_b,oh,ow x[b, ih, iw, ic] · dy[b, oh, ow, oc]; thread i is dw's element i.
    /// </summary>
    public static void WeightGradient<T>(Index1D i, ArrayView<T> dw, ArrayView<T> x, ArrayView<T> dy, ConvGeometry g)
        where T : unmanaged, INumber<T>
    {
        int oc = i % g.OutC, rest = i / g.OutC;
        int ic = rest % g.InC, kw = rest / g.InC % g.KW, kh = rest / (g.InC * g.KW);
        T sum = T.Zero;
        for (int b = 0; b < g.Batch; b++)
        for (int oh = 0; oh < g.OutH; oh++)
        for (int ow = 0; ow < g.OutW; ow++)
            if (g.Tap(oh, ow, kh, kw, out int ih, out int iw))
                sum += x[g.InputIndex(b, ih, iw, ic)] * dy[g.OutputIndex(b, oh, ow, oc)];
        dw[i] = sum;
    }
}

// y[b, oh, ow, oc] = Σ_kh,kw,ic x[b, oh·sh − pt + kh·dh, ow·sw − pl + kw·dw, ic] · w[kh, kw, ic, oc]
//
// Version 1: the definition, as three loop nests, generic over T. The reference every faster version is tested
// against (as GemmV1Naive is for the GEMM); about 1 GFLOP/s, far too slow to train with.
using System.Numerics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// Convolution version 1: direct loops over the definition. See <see cref="Conv2D"/> for the contract.
/// </summary>
public static class Conv2DV1Direct
{
    /// <inheritdoc cref="Conv2D.Forward{T}"/>
    public static void Forward<T>(T[] y, T[] x, T[] w, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        for (int b = 0; b < g.Batch; b++)
        for (int oh = 0; oh < g.OutH; oh++)
        for (int ow = 0; ow < g.OutW; ow++)
        for (int oc = 0; oc < g.OutC; oc++)
        {
            T sum = T.Zero;
            for (int kh = 0; kh < g.KH; kh++)
            for (int kw = 0; kw < g.KW; kw++)
            {
                if (!g.Tap(oh, ow, kh, kw, out int ih, out int iw)) continue;
                for (int ic = 0; ic < g.InC; ic++)
                    sum += x[g.InputIndex(b, ih, iw, ic)] * w[g.KernelIndex(kh, kw, ic, oc)];
            }
            y[g.OutputIndex(b, oh, ow, oc)] = sum;
        }
    }

    /// <inheritdoc cref="Conv2D.InputGradient{T}"/>
    public static void InputGradient<T>(T[] dx, T[] dy, T[] w, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        Array.Clear(dx, 0, (int)g.InputSize);
        for (int b = 0; b < g.Batch; b++)
        for (int oh = 0; oh < g.OutH; oh++)
        for (int ow = 0; ow < g.OutW; ow++)
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
        {
            if (!g.Tap(oh, ow, kh, kw, out int ih, out int iw)) continue;
            for (int ic = 0; ic < g.InC; ic++)
            for (int oc = 0; oc < g.OutC; oc++)
                dx[g.InputIndex(b, ih, iw, ic)] +=
                    dy[g.OutputIndex(b, oh, ow, oc)] * w[g.KernelIndex(kh, kw, ic, oc)];
        }
    }

    /// <inheritdoc cref="Conv2D.WeightGradient{T}"/>
    public static void WeightGradient<T>(T[] dw, T[] x, T[] dy, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
        for (int ic = 0; ic < g.InC; ic++)
        for (int oc = 0; oc < g.OutC; oc++)
        {
            T sum = T.Zero;
            for (int b = 0; b < g.Batch; b++)
            for (int oh = 0; oh < g.OutH; oh++)
            for (int ow = 0; ow < g.OutW; ow++)
                if (g.Tap(oh, ow, kh, kw, out int ih, out int iw))
                    sum += x[g.InputIndex(b, ih, iw, ic)] * dy[g.OutputIndex(b, oh, ow, oc)];
            dw[g.KernelIndex(kh, kw, ic, oc)] = sum;
        }
    }
}

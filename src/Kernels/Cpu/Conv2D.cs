// y = x ⋆ w        x: (B, H, W, InC)   w: (KH, KW, InC, OutC)   y: (B, OH, OW, OutC)   channels-last, dense
//
// The convolution front, as MatMul.cs is for the GEMM. The numbered versions in Conv/ show the way there, each
// tested against V1:
//   Conv2DV1Direct   the definition as loop nests, generic; the reference
//   Conv2DV2Im2Col   blocked im2col feeding the packed GEMM, parallel, same sums on any core count
// The GPU twin (Gpu/Conv2D.cs) takes the same buffers in the same order.
using System.Numerics;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// 2-d convolution over dense channels-last buffers, its input gradient and its weight gradient (the three passes
/// of a convolution layer). A 1-d convolution is the case of height 1. Every buffer is dense and starts at
/// element 0; outputs are overwritten.
/// </summary>
/// <remarks>
/// As in Keras and every framework, "convolution" is cross-correlation: the kernel is not flipped,
/// y[b, oh, ow, oc] = Σ_kh,kw,ic x[b, oh·sh − pt + kh·dh, ow·sw − pl + kw·dw, ic] · w[kh, kw, ic, oc],
/// with zeros outside the input (see <see cref="ConvGeometry"/>).
/// </remarks>
public static class Conv2D
{
    /// <summary>y = x ⋆ w: y (B, OH, OW, OutC) from x (B, H, W, InC) and w (KH, KW, InC, OutC).</summary>
    public static void Forward<T>(T[] y, T[] x, T[] w, ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
        // The production choice, in one line: V2 (blocked im2col + packed GEMM).
        => Conv2DV2Im2Col.Forward(y, x, w, g);

    /// <summary>
    /// dx = ∂L/∂x from dy = ∂L/∂y: dx[b, ih, iw, ic] = Σ over the (oh, ow, kh, kw) that read (ih, iw) of
    /// dy[b, oh, ow, oc] · w[kh, kw, ic, oc] — the transposed convolution of dy.
    /// </summary>
    public static void InputGradient<T>(T[] dx, T[] dy, T[] w, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2DV2Im2Col.InputGradient(dx, dy, w, g);

    /// <summary>
    /// dw = ∂L/∂w from x and dy: dw[kh, kw, ic, oc] = Σ_b,oh,ow x[b, ih, iw, ic] · dy[b, oh, ow, oc] over the taps
    /// that fall inside the input.
    /// </summary>
    public static void WeightGradient<T>(T[] dw, T[] x, T[] dy, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Conv2DV2Im2Col.WeightGradient(dw, x, dy, g);
}

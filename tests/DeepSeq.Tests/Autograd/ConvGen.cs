using DeepSeq.Autograd;
using DeepSeq.Devices;
using DeepSeq.Tests.Tensor;
using FsCheck;
using FsCheck.Fluent;

namespace DeepSeq.Tests.Autograd;

using Tensor = DeepSeq.Tensor;

/// <summary>
/// Random convolution and pooling problems for the gradient checks: channels-last inputs (batch 1–2, up to 5 × 5,
/// 1–3 channels) in any memory layout, kernels 1–3 × 1–3 (non-square), strides 1–3 (also larger than the kernel),
/// dilation 1–2 and padding 0–2 per side; only combinations whose window fits the padded input.
/// </summary>
internal static class ConvGen
{
    /// <summary>Input shape, window size and spec; <paramref name="pooling"/> keeps dilation 1 and pads less than
    /// the window (the paddings Keras produces).</summary>
    public static Gen<(int[] X, (int H, int W) Window, WindowSpec Spec)> Problem(Device device, bool pooling) =>
        (from batch in Gen.Choose(1, 2)
         from h in Gen.Choose(1, device is IlgpuDevice ? 3 : 5)
         from w in Gen.Choose(1, device is IlgpuDevice ? 4 : 5)
         from c in Gen.Choose(1, device is IlgpuDevice ? 2 : 3)
         from kh in Gen.Choose(1, 3)
         from kw in Gen.Choose(1, 3)
         from sh in Gen.Choose(1, 3)
         from sw in Gen.Choose(1, 3)
         from dh in Gen.Choose(1, pooling ? 1 : 2)
         from dw in Gen.Choose(1, pooling ? 1 : 2)
         from pads in Gen.ArrayOf(Gen.Choose(0, 2), 4)
         let padding = pooling
             ? (Math.Min(pads[0], kh - 1), Math.Min(pads[1], kh - 1), Math.Min(pads[2], kw - 1), Math.Min(pads[3], kw - 1))
             : (pads[0], pads[1], pads[2], pads[3])
         select (new[] { batch, h, w, c }, (kh, kw), new WindowSpec((sh, sw), (dh, dw), padding)))
        .Where(p => Fits(p.Item1, p.Item2, p.Item3));

    /// <summary>x + D for a constant D of distinct tiny offsets (i / (1024·(n + 1))): x is on a 1/1024 grid, so the
    /// sum has no ties, and max pooling's arg-max does not flip within GradCheck's step.</summary>
    public static Variable<double> Untied(Variable<double> x)
    {
        int n = x.Shape.Size;
        var offsets = Enumerable.Range(0, n).Select(i => i / (1024.0 * (n + 1))).ToArray();
        return x + new Variable<double>(Tensor.FromArray<double>(offsets, x.Shape, x.Data.Device));
    }

    private static bool Fits(int[] x, (int H, int W) window, WindowSpec s) =>
        s.Dilation.H * (window.H - 1) + 1 <= x[1] + s.Padding.Top + s.Padding.Bottom
        && s.Dilation.W * (window.W - 1) + 1 <= x[2] + s.Padding.Left + s.Padding.Right;
}

// Y = P · W      P: (pixels, KH·KW·InC) the receptive fields, one row per output pixel   W: (KH·KW·InC, OutC)
//
// Version 2: im2col + the packed GEMM, block by block.
// What changed from V1: channels-last makes a receptive field KH·KW runs of InC contiguous inputs, and the kernel
// (KH, KW, InC, OutC) is already the row-major matrix W; so a convolution is a GEMM over the patch matrix P. P is
// never built whole (for D3's second layer it would be 64·11·11 × 288 floats, 9 MB, re-read from DRAM): it is
// filled BlockRows rows at a time into a buffer sized to stay in L2 and handed to the single-threaded packed GEMM
// (GemmV3Packed) while hot. The three passes:
//   forward          Y[rows] = P[rows] · W                     blocks in parallel (each output row is its own)
//   input gradient   dP = dY[rows] · Wᵀ, then col2im adds dP into dx   parallel over runs of whole images, since
//                    the windows of one image overlap and their sums must be added in one fixed order
//   weight gradient  dW = Σ_rows P[rows]ᵀ · dY[rows]           WeightGroups fixed partial sums, added in order
// Results do not depend on the number of cores: every sum is taken in an order fixed by the shapes alone.
// Measured: see benchmarks/RESULTS.md (the conv section: time beside the same GEMMs timed alone).
using System.Buffers;
using System.Numerics;
using DeepSeq.Kernels.Formulas;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// Convolution version 2: blocked im2col feeding the packed SIMD GEMM. See <see cref="Conv2D"/> for the contract.
/// </summary>
public static class Conv2DV2Im2Col
{
    /// <summary>Elements of one block of the patch matrix: 64 K (256 KB of floats), a quarter of Zen 5's L2.</summary>
    internal const int BlockElements = 64 * 1024;

    /// <summary>Partial weight gradients summed at the end: a constant, so that the sum is the same on any machine.
    /// </summary>
    internal const int WeightGroups = 8;

    /// <inheritdoc cref="Conv2D.Forward{T}"/>
    public static void Forward<T>(T[] y, T[] x, T[] w, ConvGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = g.OutputPixels, k = g.PatchSize, n = g.OutC;
        if (rows == 0 || n == 0) return;
        int blockRows = BlockRows(k), blocks = (rows + blockRows - 1) / blockRows;
        Blocks.For(blocks, (long)rows * k * n, block =>
        {
            int r0 = block * blockRows, count = Math.Min(blockRows, rows - r0);
            var patches = ArrayPool<T>.Shared.Rent(count * k);
            Im2Col(patches, x, g, r0, count);
            Gemm.MultiplyOnThisThread(false, false, count, n, k, T.One, patches, k, w, n, T.Zero,
                y.AsSpan(r0 * n, count * n), n);
            ArrayPool<T>.Shared.Return(patches);
        });
    }

    /// <inheritdoc cref="Conv2D.InputGradient{T}"/>
    public static void InputGradient<T>(T[] dx, T[] dy, T[] w, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Array.Clear(dx, 0, (int)g.InputSize);
        int rows = g.OutputPixels, k = g.PatchSize, n = g.OutC, pixels = g.OutH * g.OutW;
        if (rows == 0 || k == 0) return;
        int blockRows = BlockRows(k);
        // Runs of whole images, one per core: an input pixel only receives from output pixels of its own image.
        int runs = Math.Max(1, Math.Min(g.Batch, Environment.ProcessorCount));
        Blocks.For(runs, (long)rows * k * n, run =>
        {
            int rowEnd = (int)((long)(run + 1) * g.Batch / runs) * pixels;
            var patches = ArrayPool<T>.Shared.Rent(blockRows * k);
            for (int r0 = (int)((long)run * g.Batch / runs) * pixels; r0 < rowEnd; r0 += blockRows)
            {
                int count = Math.Min(blockRows, rowEnd - r0);
                Gemm.MultiplyOnThisThread(false, true, count, k, n, T.One, dy.AsSpan(r0 * n), n, w, n, T.Zero,
                    patches, k);
                Col2ImAdd(dx, patches, g, r0, count);
            }
            ArrayPool<T>.Shared.Return(patches);
        });
    }

    /// <inheritdoc cref="Conv2D.WeightGradient{T}"/>
    public static void WeightGradient<T>(T[] dw, T[] x, T[] dy, ConvGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = g.OutputPixels, k = g.PatchSize, n = g.OutC;
        Array.Clear(dw, 0, g.KernelSize);
        if (rows == 0 || k == 0 || n == 0) return;
        int blockRows = BlockRows(k), blocks = (rows + blockRows - 1) / blockRows;
        int groups = Math.Min(WeightGroups, blocks);
        var partials = new T[groups][];
        Blocks.For(groups, (long)rows * k * n, group =>
        {
            var sum = partials[group] = group == 0 ? dw : new T[k * n];
            var patches = ArrayPool<T>.Shared.Rent(blockRows * k);
            for (int block = group * blocks / groups; block < (group + 1) * blocks / groups; block++)
            {
                int r0 = block * blockRows, count = Math.Min(blockRows, rows - r0);
                Im2Col(patches, x, g, r0, count);
                Gemm.MultiplyOnThisThread(true, false, k, n, count, T.One, patches, k, dy.AsSpan(r0 * n), n, T.One,
                    sum, n);
            }
            ArrayPool<T>.Shared.Return(patches);
        });
        for (int group = 1; group < groups; group++)
            Zip.Contiguous<T, AddOp<T>>(dw.AsSpan(0, k * n), dw.AsSpan(0, k * n), partials[group]);
    }

    /// <summary>Rows of P per block: as many receptive fields as fit in <see cref="BlockElements"/>.</summary>
    internal static int BlockRows(int patchSize) => Math.Clamp(BlockElements / Math.Max(patchSize, 1), 28, 4096);

    /// <summary>
    /// Rows [r0, r0 + count) of the patch matrix: row r is output pixel r's receptive field, KH·KW runs of InC
    /// inputs (zeros where the window reaches into the padding).
    /// </summary>
    internal static void Im2Col<T>(T[] patches, T[] x, in ConvGeometry g, int r0, int count) where T : unmanaged
    {
        int c = g.InC, k = g.PatchSize;
        for (int r = 0; r < count; r++)
        {
            var (b, oh, ow) = Pixel(g, r0 + r);
            for (int kh = 0; kh < g.KH; kh++)
            for (int kw = 0; kw < g.KW; kw++)
            {
                var run = patches.AsSpan(r * k + (kh * g.KW + kw) * c, c);
                if (g.Tap(oh, ow, kh, kw, out int ih, out int iw)) x.AsSpan(g.InputIndex(b, ih, iw, 0), c).CopyTo(run);
                else run.Clear();
            }
        }
    }

    /// <summary>The adjoint of <see cref="Im2Col{T}"/>: adds each run of rows [r0, r0 + count) back onto the input
    /// pixel it was read from, rows in order, taps in order.</summary>
    internal static void Col2ImAdd<T>(T[] dx, T[] patches, in ConvGeometry g, int r0, int count)
        where T : unmanaged, INumber<T>
    {
        int c = g.InC, k = g.PatchSize;
        for (int r = 0; r < count; r++)
        {
            var (b, oh, ow) = Pixel(g, r0 + r);
            for (int kh = 0; kh < g.KH; kh++)
            for (int kw = 0; kw < g.KW; kw++)
            {
                if (!g.Tap(oh, ow, kh, kw, out int ih, out int iw)) continue;
                var target = dx.AsSpan(g.InputIndex(b, ih, iw, 0), c);
                Zip.Contiguous<T, AddOp<T>>(target, target, patches.AsSpan(r * k + (kh * g.KW + kw) * c, c));
            }
        }
    }

    private static (int B, int Oh, int Ow) Pixel(in ConvGeometry g, int row)
    {
        int b = Math.DivRem(row, g.OutH * g.OutW, out int rest);
        int oh = Math.DivRem(rest, g.OutW, out int ow);
        return (b, oh, ow);
    }
}

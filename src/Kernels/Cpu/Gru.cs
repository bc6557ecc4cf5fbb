// The GRU over a whole sequence, fused, in both of Keras's variants (gates z, r, h in Keras's order):
//
//   z = σ(xz_z + h₋₁·U_z)   r = σ(xz_r + h₋₁·U_r)                 (+ the recurrent bias rb with reset after)
//   reset before (Keras 2.0):  h̃ = act(xz_h + (r ⊙ h₋₁)·U_h)      two GEMMs per step: z and r first, then h̃
//   reset after (TF2):         h̃ = act(xz_h + r ⊙ (h₋₁·U_h + rb_h))  one GEMM per step
//   h = z ⊙ h₋₁ + (1 − z) ⊙ h̃
//
// With recurrent dropout gate k reads h₋₁ ⊙ m_k (reset before: r ⊙ h₋₁ ⊙ m_h for h̃). See RecurrentGeometry for the
// buffers and Lstm.cs for the pattern the three cells share.
using System.Numerics;
using DeepSeq.Kernels.Cpu.Recurrent;
using static DeepSeq.Kernels.Cpu.Recurrent.RecurrentSteps;

namespace DeepSeq.Kernels.Cpu;

/// <summary>The fused GRU cell over a sequence, reset before or after: forward, and backward through time.</summary>
public static class Gru
{
    /// <summary>The production gate pass, in one line: V2 (vector, float) where it applies, else V1.</summary>
    /// <remarks>V2 is the LSTM's pattern (measured there: <see cref="Lstm"/>); for the GRU only B10's whole-layer
    /// figures were taken (RESULTS.md, issue 14, a loaded machine). Results bit-identical to V1.</remarks>
    internal static int Production<T>(int units) => CellVectors.Supports<T>(units) ? 2 : 1;

    /// <summary>
    /// Runs the sequence: y (B, T + 1, U) gets h of every step, then the final h; <paramref name="gates"/>
    /// (B, T, 3U) the activated z, r, h̃; <paramref name="candidates"/> (B, T, U), with reset after only (else
    /// empty), h₋₁·U_h + rb_h; <paramref name="operands"/> what multiplied U. <paramref name="rb"/> is the
    /// recurrent bias (3U) with reset after, empty before.
    /// </summary>
    public static void Forward<T>(T[] y, T[] gates, T[] candidates, T[] operands, T[] xz, T[] u, T[] rb, T[] h0,
        T[] mask, T[] recurrentMask, RecurrentGeometry g) where T : unmanaged, IFloatingPointIeee754<T> =>
        ForwardWith(y, gates, candidates, operands, xz, u, rb, h0, mask, recurrentMask, g, Production<T>(g.Units));

    /// <summary><see cref="Forward{T}"/> with gate pass <paramref name="version"/> (1: span ops, any T; 2:
    /// <see cref="GruGatesV2"/>).</summary>
    internal static void ForwardWith<T>(T[] y, T[] gates, T[] candidates, T[] operands, T[] xz, T[] u, T[] rb,
        T[] h0, T[] mask, T[] recurrentMask, RecurrentGeometry g, int version)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBuffers(g, y, gates, candidates, operands, xz, u, rb, h0, mask, recurrentMask);
        CheckVersion<T>(g, version);
        ForRowBlocks<T>(g, (r0, rows) =>
            ForwardRows(y, gates, candidates, operands, xz, u, rb, h0, mask, recurrentMask, g, r0, rows, version));
    }

    private static void ForwardRows<T>(T[] y, T[] gates, T[] candidates, T[] operands, T[] xz, T[] u, T[] rb,
        T[] h0, T[] mask, T[] recurrentMask, RecurrentGeometry g, int r0, int rows, int version)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units, w = g.Width, steps = g.Steps, rowOut = (steps + 1) * n;
        var r = Rent<T>((long)rows * w);
        try
        {
            for (int b = r0; b < r0 + rows && steps > 0; b++)
                WriteOperands(g, operands, recurrentMask, b, 0, h0.AsSpan(b * n, n));
            for (int t = 0; t < steps; t++)
            {
                Products(g, operands, u, r, r0, rows, t);
                // z and r of every row; with reset before, the candidate's operand r ⊙ h₋₁ for its GEMM
                for (int b = r0; b < r0 + rows; b++)
                {
                    var hPrev = HPrevious(y, h0, b, t, n, rowOut);
                    var rRow = r.AsSpan((b - r0) * w, w);
                    if (!IsReal(g, mask, b, t))
                    {
                        if (g.ResetBefore) operands.AsSpan(OperandAt(g, g.CandidateOperand, b, t), n).Clear();
                        continue;
                    }
                    var zr = gates.AsSpan((b * steps + t) * w, 2 * n);
                    var zx = xz.AsSpan((b * steps + t) * w, 2 * n);
                    var candidate = g.ResetAfter ? candidates.AsSpan((b * steps + t) * n, n) : [];
                    var operand = g.ResetBefore ? operands.AsSpan(OperandAt(g, g.CandidateOperand, b, t), n) : [];
                    var candidateMask = g.RecurrentDropout && g.ResetBefore
                        ? RecurrentMaskRow(g, recurrentMask, 2, b) : [];
                    if (version == 2)
                        GruGatesV2.Gates(g, AsFloat(zr), AsFloat(zx), AsFloat(rRow), AsFloat(rb.AsSpan()),
                            AsFloat(hPrev), AsFloat(candidate), AsFloat(operand), AsFloat(candidateMask));
                    else GatesV1(g, zr, zx, rRow, rb, hPrev, candidate, operand, candidateMask);
                }
                if (g.ResetBefore) Product(g, operands, g.CandidateOperand, u, 2, 1, r, r0, rows, t);
                // h̃ and h
                for (int b = r0; b < r0 + rows; b++)
                {
                    var hPrev = HPrevious(y, h0, b, t, n, rowOut);
                    var h = y.AsSpan(b * rowOut + t * n, n);
                    if (IsReal(g, mask, b, t))
                    {
                        var z = gates.AsSpan((b * steps + t) * w, w);
                        var rh = r.AsSpan((b - r0) * w + 2 * n, n);
                        var zx = xz.AsSpan((b * steps + t) * w, w);
                        if (version == 2)
                            GruGatesV2.Output(g, AsFloat(z), AsFloat(zx), AsFloat(rh), AsFloat(hPrev), AsFloat(h));
                        else OutputV1(g, z, zx, rh, hPrev, h);
                    }
                    else hPrev.CopyTo(h);
                    if (t + 1 < steps) WriteOperands(g, operands, recurrentMask, b, t + 1, h);
                }
            }
            for (int b = r0; b < r0 + rows; b++)
                HPrevious(y, h0, b, steps, n, rowOut).CopyTo(y.AsSpan(b * rowOut + steps * n, n));
        }
        finally { Return(r); }
    }

    /// <summary>V1 of <see cref="GruGatesV2.Gates"/>, for any T, with a span op per formula.</summary>
    private static void GatesV1<T>(RecurrentGeometry g, Span<T> zr, ReadOnlySpan<T> xz, Span<T> r,
        ReadOnlySpan<T> rb, ReadOnlySpan<T> hPrev, Span<T> candidate, Span<T> operand, ReadOnlySpan<T> candidateMask)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units;
        if (g.ResetAfter) Add(r, r, rb);
        Add(zr, xz, r[..(2 * n)]);
        Activate(g.RecurrentActivation, zr);
        if (g.ResetBefore)
        {
            Multiply(operand, zr[n..], hPrev);
            if (g.RecurrentDropout) Multiply(operand, operand, candidateMask);
        }
        else r[(2 * n)..].CopyTo(candidate);
    }

    /// <summary>V1 of <see cref="GruGatesV2.Output"/>, for any T.</summary>
    private static void OutputV1<T>(RecurrentGeometry g, Span<T> z, ReadOnlySpan<T> xz, ReadOnlySpan<T> rh,
        ReadOnlySpan<T> hPrev, Span<T> h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units;
        var hh = z[(2 * n)..];
        if (g.ResetAfter) Multiply(hh, z.Slice(n, n), rh);
        else rh.CopyTo(hh);
        Add(hh, hh, xz[(2 * n)..]);
        Activate(g.Activation, hh);
        for (int j = 0; j < n; j++) h[j] = z[j] * hPrev[j] + (T.One - z[j]) * hh[j];
    }

    /// <summary>h₋₁ of step t of row b: h0 at the first step, else the previous output.</summary>
    private static Span<T> HPrevious<T>(T[] y, T[] h0, int b, int t, int n, int rowOut) =>
        t == 0 ? h0.AsSpan(b * n, n) : y.AsSpan(b * rowOut + (t - 1) * n, n);

    /// <summary>
    /// Backward through time from dy (B, T + 1, U): dxz (B, T, 3U), du, drb (3U, reset after only, else empty),
    /// dh0.
    /// </summary>
    /// <remarks>
    /// At a real step, with dh = dy_t + the gradient from step t + 1: dh̃ = dh ⊙ (1 − z) ⊙ act′, dz_z = dh ⊙ (h₋₁ − h̃)
    /// ⊙ σ′, and h₋₁ receives dh ⊙ z directly. Reset after: dz_r = dh̃ ⊙ (h₋₁·U_h + rb_h) ⊙ σ′, and the recurrent
    /// product's gradient is (dz_z, dz_r, dh̃ ⊙ r). Reset before: a = dh̃·U_hᵀ gives dz_r = a ⊙ h₋₁ (⊙ m_h) ⊙ σ′ and
    /// h₋₁ another a ⊙ r (⊙ m_h). A padded step passes dh through.
    /// </remarks>
    public static void Backward<T>(T[] dxz, T[] du, T[] drb, T[] dh0, T[] dy, T[] y, T[] gates, T[] candidates,
        T[] operands, T[] u, T[] h0, T[] mask, T[] recurrentMask, RecurrentGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        BackwardWith(dxz, du, drb, dh0, dy, y, gates, candidates, operands, u, h0, mask, recurrentMask, g,
            Production<T>(g.Units));

    /// <summary><see cref="Backward{T}"/> with gate pass <paramref name="version"/> (see
    /// <see cref="ForwardWith{T}"/>).</summary>
    internal static void BackwardWith<T>(T[] dxz, T[] du, T[] drb, T[] dh0, T[] dy, T[] y, T[] gates,
        T[] candidates, T[] operands, T[] u, T[] h0, T[] mask, T[] recurrentMask, RecurrentGeometry g, int version)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckVersion<T>(g, version);
        CheckBuffers(g, y, gates, candidates, operands, dxz, u, drb, h0, mask, recurrentMask);
        Check(g, "dy", dy, g.OutputLength);
        Check(g, "du", du, (long)g.Units * g.Width);
        Check(g, "dh0", dh0, (long)g.Batch * g.Units);
        // With reset after the recurrent product's gradient differs from dxz in its h̃ part: it gets its own buffer.
        var dr = g.ResetAfter ? Rent<T>(g.XzLength) : dxz;
        try
        {
            ForRowBlocks<T>(g, (r0, rows) =>
                BackwardRows(dxz, dr, dh0, dy, y, gates, candidates, u, h0, mask, recurrentMask, g, r0, rows,
                    version));
            KernelGradient(g, du, operands, dr);
            if (g.ResetAfter) SumRows(drb, dr, g.Batch * g.Steps, g.Width);
        }
        finally
        {
            if (g.ResetAfter) Return(dr);
        }
    }

    private static void BackwardRows<T>(T[] dxz, T[] dr, T[] dh0, T[] dy, T[] y, T[] gates, T[] candidates, T[] u,
        T[] h0, T[] mask, T[] recurrentMask, RecurrentGeometry g, int r0, int rows, int version)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units, w = g.Width, steps = g.Steps, rowOut = (steps + 1) * n;
        var dh = Rent<T>((long)rows * n);
        var dA = Rent<T>((long)rows * n);
        try
        {
            for (int i = 0; i < rows; i++)
                dy.AsSpan((r0 + i) * rowOut + steps * n, n).CopyTo(dh.AsSpan(i * n, n));
            for (int t = steps - 1; t >= 0; t--)
            {
                for (int i = 0; i < rows; i++)
                {
                    int b = r0 + i;
                    var dhRow = dh.AsSpan(i * n, n);
                    Add(dhRow, dhRow, dy.AsSpan(b * rowOut + t * n, n));
                    var dz = dxz.AsSpan((b * steps + t) * w, w);
                    if (!IsReal(g, mask, b, t))
                    {
                        dz.Clear();
                        if (g.ResetAfter) dr.AsSpan((b * steps + t) * w, w).Clear();
                        continue;
                    }
                    var z = gates.AsSpan((b * steps + t) * w, w);
                    var hPrev = HPrevious(y, h0, b, t, n, rowOut);
                    var drRow = g.ResetAfter ? dr.AsSpan((b * steps + t) * w, w) : [];
                    var rh = g.ResetAfter ? candidates.AsSpan((b * steps + t) * n, n) : [];
                    if (version == 2)
                        GruGatesV2.Backward(g, AsFloat(dz), AsFloat(drRow), AsFloat(z), AsFloat(hPrev), AsFloat(rh),
                            AsFloat(dhRow));
                    else GateGradientsV1(g, dz, drRow, z, hPrev, rh, dhRow);
                }
                if (g.ResetBefore)
                    ResetGateGradient(g, dxz, y, h0, gates, u, mask, recurrentMask, dh, dA, r0, rows, t, version);
                PreviousStateGradient(g, dr, u, recurrentMask, mask, dh, dA, r0, rows, t, accumulate: true);
            }
            for (int i = 0; i < rows; i++) dh.AsSpan(i * n, n).CopyTo(dh0.AsSpan((r0 + i) * n, n));
        }
        finally { Return(dh, dA); }
    }

    /// <summary>V1 of <see cref="GruGatesV2.Backward"/>, for any T.</summary>
    private static void GateGradientsV1<T>(RecurrentGeometry g, Span<T> dz, Span<T> drRow, ReadOnlySpan<T> z,
        ReadOnlySpan<T> hPrev, ReadOnlySpan<T> rh, Span<T> dhRow) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units;
        for (int j = 0; j < n; j++)
        {
            T zj = z[j], hh = z[2 * n + j];
            dz[j] = dhRow[j] * (hPrev[j] - hh);        // through z
            dz[2 * n + j] = dhRow[j] * (T.One - zj);   // through h̃
            dhRow[j] *= zj;                            // straight to h₋₁
        }
        MultiplyByDerivative(g.RecurrentActivation, dz[..n], z[..n]);
        MultiplyByDerivative(g.Activation, dz[(2 * n)..], z[(2 * n)..]);
        if (g.ResetAfter)
        {
            Multiply(dz.Slice(n, n), dz[(2 * n)..], rh);
            MultiplyByDerivative(g.RecurrentActivation, dz.Slice(n, n), z.Slice(n, n));
            dz[..(2 * n)].CopyTo(drRow);
            Multiply(drRow[(2 * n)..], dz[(2 * n)..], z.Slice(n, n));
        }
    }

    /// <summary>
    /// Reset before: a = dh̃·U_hᵀ (one GEMM for the block's rows), then dz_r = a ⊙ h₋₁ (⊙ m_h) ⊙ σ′(r) and
    /// dh₋₁ += a ⊙ r (⊙ m_h).
    /// </summary>
    private static void ResetGateGradient<T>(RecurrentGeometry g, T[] dxz, T[] y, T[] h0, T[] gates, T[] u,
        T[] mask, T[] recurrentMask, T[] dh, T[] dA, int r0, int rows, int t, int version)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units, w = g.Width, steps = g.Steps, rowOut = (steps + 1) * n;
        ProductGradient(g, dxz.AsSpan((r0 * steps + t) * w), steps * w, u, 2, 1, dA.AsSpan(0, rows * n), rows);
        for (int i = 0; i < rows; i++)
        {
            int b = r0 + i;
            if (!IsReal(g, mask, b, t)) continue;
            var a = dA.AsSpan(i * n, n);
            if (g.RecurrentDropout) Multiply(a, a, RecurrentMaskRow(g, recurrentMask, 2, b));
            var z = gates.AsSpan((b * steps + t) * w, w);
            var dz = dxz.AsSpan((b * steps + t) * w, w);
            var hPrev = HPrevious(y, h0, b, t, n, rowOut);
            var dhRow = dh.AsSpan(i * n, n);
            if (version == 2)
            {
                GruGatesV2.ResetGradient(g, AsFloat(dz), AsFloat(z), AsFloat(hPrev), AsFloat(a), AsFloat(dhRow));
                continue;
            }
            for (int j = 0; j < n; j++)
            {
                dz[n + j] = a[j] * hPrev[j];
                dhRow[j] += a[j] * z[n + j];
            }
            MultiplyByDerivative(g.RecurrentActivation, dz.Slice(n, n), z.Slice(n, n));
        }
    }

    /// <summary>sums[j] = Σᵢ x[i, j] over <paramref name="rowCount"/> rows of <paramref name="width"/>.</summary>
    private static void SumRows<T>(T[] sums, T[] x, int rowCount, int width) where T : unmanaged, INumber<T>
    {
        Array.Clear(sums, 0, width);
        for (int i = 0; i < rowCount; i++)
            Add(sums.AsSpan(0, width), sums.AsSpan(0, width), x.AsSpan(i * width, width));
    }

    private static void CheckBuffers<T>(RecurrentGeometry g, T[] y, T[] gates, T[] candidates, T[] operands, T[] xz,
        T[] u, T[] rb, T[] h0, T[] mask, T[] recurrentMask)
    {
        if (g.Cell != CellKind.Gru) throw new ArgumentException($"gru: called with the geometry of a {g}");
        CheckCommon(g, xz, u, y, operands, mask, recurrentMask);
        Check(g, "gates", gates, g.XzLength);
        Check(g, "candidates", candidates, g.ResetAfter ? (long)g.Batch * g.Steps * g.Units : 0);
        Check(g, "the recurrent bias", rb, g.ResetAfter ? g.Width : 0);
        Check(g, "h0", h0, (long)g.Batch * g.Units);
    }
}

// The LSTM over a whole sequence, fused: per step one recurrent GEMM (one per gate with recurrent dropout) and one
// pass over the step's rows for all four gates and the state update; backward through time mirrors it.
//
//   z = xz_t + h₋₁·U            (xz_t = x_t·W + b, all steps in one GEMM before the loop, by the caller)
//   i = σ(z_i)  f = σ(z_f)  g = act(z_c)  o = σ(z_o)      Keras's gate order i, f, c, o
//   c = f ⊙ c₋₁ + i ⊙ g         h = o ⊙ act(c)
//
// With recurrent dropout, gate k reads (h₋₁ ⊙ m_k)·U_k: the cell writes the four masked copies of h as it makes h,
// so the dropout costs no pass of its own. See RecurrentGeometry for the buffers.
using System.Numerics;
using DeepSeq.Kernels.Cpu.Recurrent;
using static DeepSeq.Kernels.Cpu.Recurrent.RecurrentSteps;

namespace DeepSeq.Kernels.Cpu;

/// <summary>The fused LSTM cell over a sequence: forward, and backward through time (see the file header).</summary>
public static class Lstm
{
    /// <summary>The production gate pass, in one line: V2 (vector, float) where it applies, else V1.</summary>
    /// <remarks>V2 measured (RESULTS.md, issue 14): B7's forward gate pass 180–200 → 80–100 ns a row of 32 units,
    /// the backward row pass 48 → 20 ms on one core; results bit-identical to V1.</remarks>
    internal static int Production<T>(int units) => CellVectors.Supports<T>(units) ? 2 : 1;

    /// <summary>
    /// Runs the sequence: y (B, T + 2, U) gets h of every step, then the final h and c; <paramref name="gates"/>
    /// (B, T, 4U) the activated gates i, f, g, o, <paramref name="cells"/> (B, T, U) c of every step and
    /// <paramref name="operands"/> what multiplied U at every step, all three for <see cref="Backward{T}"/>.
    /// </summary>
    public static void Forward<T>(T[] y, T[] gates, T[] cells, T[] operands, T[] xz, T[] u, T[] h0, T[] c0,
        T[] mask, T[] recurrentMask, RecurrentGeometry g) where T : unmanaged, IFloatingPointIeee754<T> =>
        ForwardWith(y, gates, cells, operands, xz, u, h0, c0, mask, recurrentMask, g, Production<T>(g.Units));

    /// <summary><see cref="Forward{T}"/> with gate pass <paramref name="version"/> (1: span ops, any T; 2:
    /// <see cref="LstmGatesV2"/>).</summary>
    internal static void ForwardWith<T>(T[] y, T[] gates, T[] cells, T[] operands, T[] xz, T[] u, T[] h0, T[] c0,
        T[] mask, T[] recurrentMask, RecurrentGeometry g, int version) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBuffers(g, y, gates, cells, operands, xz, u, h0, c0, mask, recurrentMask);
        CheckVersion<T>(g, version);
        ForRowBlocks<T>(g, (r0, rows) => ForwardRows(y, gates, cells, operands, xz, u, h0, c0, mask, recurrentMask, g,
            r0, rows, version));
    }

    private static void ForwardRows<T>(T[] y, T[] gates, T[] cells, T[] operands, T[] xz, T[] u, T[] h0, T[] c0,
        T[] mask, T[] recurrentMask, RecurrentGeometry g, int r0, int rows, int version)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units, w = g.Width, steps = g.Steps, rowOut = (steps + 2) * n;
        var r = Rent<T>((long)rows * w);
        try
        {
            for (int b = r0; b < r0 + rows && steps > 0; b++)
                WriteOperands(g, operands, recurrentMask, b, 0, h0.AsSpan(b * n, n));
            for (int t = 0; t < steps; t++)
            {
                Products(g, operands, u, r, r0, rows, t);
                for (int b = r0; b < r0 + rows; b++)
                {
                    var hPrev = t == 0 ? h0.AsSpan(b * n, n) : y.AsSpan(b * rowOut + (t - 1) * n, n);
                    var cPrev = t == 0 ? c0.AsSpan(b * n, n) : cells.AsSpan((b * steps + t - 1) * n, n);
                    var h = y.AsSpan(b * rowOut + t * n, n);
                    var c = cells.AsSpan((b * steps + t) * n, n);
                    if (IsReal(g, mask, b, t))
                    {
                        var z = gates.AsSpan((b * steps + t) * w, w);
                        var zx = xz.AsSpan((b * steps + t) * w, w);
                        var rRow = r.AsSpan((b - r0) * w, w);
                        if (version == 2)
                            LstmGatesV2.Forward(g, AsFloat(z), AsFloat(zx), AsFloat(rRow), AsFloat(cPrev), AsFloat(c),
                                AsFloat(h));
                        else GatesV1(g, z, zx, rRow, cPrev, c, h);
                    }
                    else
                    {
                        cPrev.CopyTo(c);   // a padded step carries both states through
                        hPrev.CopyTo(h);
                    }
                    if (t + 1 < steps) WriteOperands(g, operands, recurrentMask, b, t + 1, h);
                }
            }
            for (int b = r0; b < r0 + rows; b++)
            {
                var hLast = steps == 0 ? h0.AsSpan(b * n, n) : y.AsSpan(b * rowOut + (steps - 1) * n, n);
                var cLast = steps == 0 ? c0.AsSpan(b * n, n) : cells.AsSpan((b * steps + steps - 1) * n, n);
                hLast.CopyTo(y.AsSpan(b * rowOut + steps * n, n));
                cLast.CopyTo(y.AsSpan(b * rowOut + (steps + 1) * n, n));
            }
        }
        finally { Return(r); }
    }

    /// <summary>
    /// V1 of one real step of one row, for any T: z = xz + r, the gates, c and h, with a span op per formula.
    /// </summary>
    private static void GatesV1<T>(RecurrentGeometry g, Span<T> z, ReadOnlySpan<T> xz, ReadOnlySpan<T> r,
        ReadOnlySpan<T> cPrev, Span<T> c, Span<T> h) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units;
        Add(z, xz, r);
        Activate(g.RecurrentActivation, z[..(2 * n)]);
        Activate(g.Activation, z.Slice(2 * n, n));
        Activate(g.RecurrentActivation, z[(3 * n)..]);
        for (int j = 0; j < n; j++) c[j] = z[n + j] * cPrev[j] + z[j] * z[2 * n + j];
        c.CopyTo(h);
        Activate(g.Activation, h);
        Multiply(h, h, z[(3 * n)..]);
    }

    /// <summary>
    /// Backward through time from dy (B, T + 2, U), the gradient of y: dxz (B, T, 4U) the gradient of the
    /// projections, du that of the recurrent kernel, dh0 and dc0 those of the initial states.
    /// </summary>
    /// <remarks>
    /// At a real step, with dh = dy_t + the gradient from step t + 1 and dc the cell state's:
    /// dc += dh ⊙ o ⊙ act′(c); dz_i = dc ⊙ g ⊙ σ′, dz_f = dc ⊙ c₋₁ ⊙ σ′, dz_c = dc ⊙ i ⊙ act′, dz_o = dh ⊙ act(c) ⊙ σ′;
    /// then dc₋₁ = dc ⊙ f and dh₋₁ = Σ_k (dz_k·U_kᵀ) ⊙ m_k. A padded step passes dh and dc through.
    /// </remarks>
    public static void Backward<T>(T[] dxz, T[] du, T[] dh0, T[] dc0, T[] dy, T[] y, T[] gates, T[] cells,
        T[] operands, T[] u, T[] c0, T[] mask, T[] recurrentMask, RecurrentGeometry g)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        BackwardWith(dxz, du, dh0, dc0, dy, y, gates, cells, operands, u, c0, mask, recurrentMask, g,
            Production<T>(g.Units));

    /// <summary><see cref="Backward{T}"/> with gate pass <paramref name="version"/> (see
    /// <see cref="ForwardWith{T}"/>).</summary>
    internal static void BackwardWith<T>(T[] dxz, T[] du, T[] dh0, T[] dc0, T[] dy, T[] y, T[] gates, T[] cells,
        T[] operands, T[] u, T[] c0, T[] mask, T[] recurrentMask, RecurrentGeometry g, int version)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckVersion<T>(g, version);
        CheckBuffers(g, y, gates, cells, operands, dxz, u, dh0, c0, mask, recurrentMask);
        Check(g, "dy", dy, g.OutputLength);
        Check(g, "du", du, (long)g.Units * g.Width);
        Check(g, "dc0", dc0, (long)g.Batch * g.Units);
        ForRowBlocks<T>(g, (r0, rows) => BackwardRows(dxz, dh0, dc0, dy, gates, cells, u, c0, mask, recurrentMask, g,
            r0, rows, version));
        KernelGradient(g, du, operands, dxz);
    }

    private static void BackwardRows<T>(T[] dxz, T[] dh0, T[] dc0, T[] dy, T[] gates, T[] cells, T[] u, T[] c0,
        T[] mask, T[] recurrentMask, RecurrentGeometry g, int r0, int rows, int version)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units, w = g.Width, steps = g.Steps, rowOut = (steps + 2) * n;
        var dh = Rent<T>((long)rows * n);
        var dc = Rent<T>((long)rows * n);
        var dA = Rent<T>((long)rows * n);
        var act = Rent<T>(n);
        try
        {
            for (int i = 0; i < rows; i++)
            {
                int b = r0 + i;
                dy.AsSpan(b * rowOut + steps * n, n).CopyTo(dh.AsSpan(i * n, n));
                dy.AsSpan(b * rowOut + (steps + 1) * n, n).CopyTo(dc.AsSpan(i * n, n));
            }
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
                        continue;
                    }
                    var z = gates.AsSpan((b * steps + t) * w, w);
                    var c = cells.AsSpan((b * steps + t) * n, n);
                    var cPrev = t == 0 ? c0.AsSpan(b * n, n) : cells.AsSpan((b * steps + t - 1) * n, n);
                    var dcRow = dc.AsSpan(i * n, n);
                    if (version == 2)
                        LstmGatesV2.Backward(g, AsFloat(dz), AsFloat(z), AsFloat(c), AsFloat(cPrev), AsFloat(dhRow),
                            AsFloat(dcRow));
                    else GateGradientsV1(g, dz, z, c, cPrev, dhRow, dcRow, act.AsSpan(0, n));
                }
                PreviousStateGradient(g, dxz, u, recurrentMask, mask, dh, dA, r0, rows, t, accumulate: false);
            }
            for (int i = 0; i < rows; i++)
            {
                dh.AsSpan(i * n, n).CopyTo(dh0.AsSpan((r0 + i) * n, n));
                dc.AsSpan(i * n, n).CopyTo(dc0.AsSpan((r0 + i) * n, n));
            }
        }
        finally { Return(dh, dc, dA, act); }
    }

    /// <summary>V1 of one real step of one row backward, for any T (<paramref name="tc"/> is scratch).</summary>
    private static void GateGradientsV1<T>(RecurrentGeometry g, Span<T> dz, ReadOnlySpan<T> z, ReadOnlySpan<T> c,
        ReadOnlySpan<T> cPrev, ReadOnlySpan<T> dhRow, Span<T> dcRow, Span<T> tc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units;
        c.CopyTo(tc);
        Activate(g.Activation, tc);
        // dc += dh ⊙ o ⊙ act′(c), with act′ written from act(c) (tc)
        var dFromH = dz[(3 * n)..];   // scratch first: dh ⊙ o
        Multiply(dFromH, dhRow, z[(3 * n)..]);
        MultiplyByDerivative(g.Activation, dFromH, tc);
        Add(dcRow, dcRow, dFromH);
        for (int j = 0; j < n; j++)
        {
            dz[j] = dcRow[j] * z[2 * n + j];           // di
            dz[n + j] = dcRow[j] * cPrev[j];           // df
            dz[2 * n + j] = dcRow[j] * z[j];           // dg
            dz[3 * n + j] = dhRow[j] * tc[j];          // do
            dcRow[j] *= z[n + j];                      // dc₋₁ = dc ⊙ f
        }
        MultiplyByDerivative(g.RecurrentActivation, dz[..(2 * n)], z[..(2 * n)]);
        MultiplyByDerivative(g.Activation, dz.Slice(2 * n, n), z.Slice(2 * n, n));
        MultiplyByDerivative(g.RecurrentActivation, dz[(3 * n)..], z[(3 * n)..]);
    }

    private static void CheckBuffers<T>(RecurrentGeometry g, T[] y, T[] gates, T[] cells, T[] operands, T[] xz,
        T[] u, T[] h0, T[] c0, T[] mask, T[] recurrentMask)
    {
        if (g.Cell != CellKind.Lstm) throw new ArgumentException($"lstm: called with the geometry of a {g}");
        CheckCommon(g, xz, u, y, operands, mask, recurrentMask);
        Check(g, "gates", gates, g.XzLength);
        Check(g, "cells", cells, (long)g.Batch * g.Steps * g.Units);
        Check(g, "h0", h0, (long)g.Batch * g.Units);
        Check(g, "c0", c0, (long)g.Batch * g.Units);
    }
}

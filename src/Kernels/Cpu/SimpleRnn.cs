// The simple RNN over a whole sequence, fused: per step one recurrent GEMM and one pass for the activation.
//
//   h = act(xz_t + (h₋₁ ⊙ m)·U)        (xz_t = x_t·W + b for all steps in one GEMM before the loop, by the caller)
//
// See RecurrentGeometry for the buffers and Lstm.cs for the pattern the three cells share.
using System.Numerics;
using static DeepSeq.Kernels.Cpu.Recurrent.RecurrentSteps;

namespace DeepSeq.Kernels.Cpu;

/// <summary>The fused simple-RNN cell over a sequence: forward, and backward through time.</summary>
public static class SimpleRnn
{
    /// <summary>
    /// Runs the sequence: y (B, T + 1, U) gets h of every step, then the final h; <paramref name="gates"/>
    /// (B, T, U) the new h of every real step and <paramref name="operands"/> what multiplied U, for
    /// <see cref="Backward{T}"/>.
    /// </summary>
    public static void Forward<T>(T[] y, T[] gates, T[] operands, T[] xz, T[] u, T[] h0, T[] mask,
        T[] recurrentMask, RecurrentGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBuffers(g, y, gates, operands, xz, u, h0, mask, recurrentMask);
        ForRowBlocks<T>(g, (r0, rows) => ForwardRows(y, gates, operands, xz, u, h0, mask, recurrentMask, g, r0, rows));
    }

    private static void ForwardRows<T>(T[] y, T[] gates, T[] operands, T[] xz, T[] u, T[] h0, T[] mask,
        T[] recurrentMask, RecurrentGeometry g, int r0, int rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = g.Units, steps = g.Steps, rowOut = (steps + 1) * n;
        var r = Rent<T>((long)rows * n);
        try
        {
            for (int b = r0; b < r0 + rows && steps > 0; b++)
                WriteOperands(g, operands, recurrentMask, b, 0, h0.AsSpan(b * n, n));
            for (int t = 0; t < steps; t++)
            {
                Products(g, operands, u, r, r0, rows, t);
                for (int b = r0; b < r0 + rows; b++)
                {
                    var h = y.AsSpan(b * rowOut + t * n, n);
                    if (IsReal(g, mask, b, t))
                    {
                        var z = gates.AsSpan((b * steps + t) * n, n);
                        Add(z, xz.AsSpan((b * steps + t) * n, n), r.AsSpan((b - r0) * n, n));
                        Activate(g.Activation, z);
                        z.CopyTo(h);
                    }
                    else
                        (t == 0 ? h0.AsSpan(b * n, n) : y.AsSpan(b * rowOut + (t - 1) * n, n)).CopyTo(h);
                    if (t + 1 < steps) WriteOperands(g, operands, recurrentMask, b, t + 1, h);
                }
            }
            for (int b = r0; b < r0 + rows; b++)
                (steps == 0 ? h0.AsSpan(b * n, n) : y.AsSpan(b * rowOut + (steps - 1) * n, n))
                    .CopyTo(y.AsSpan(b * rowOut + steps * n, n));
        }
        finally { Return(r); }
    }

    /// <summary>
    /// Backward through time from dy (B, T + 1, U): dxz (B, T, U), du, dh0. At a real step dz = dh ⊙ act′ and
    /// dh₋₁ = (dz·Uᵀ) ⊙ m; a padded step passes dh through.
    /// </summary>
    public static void Backward<T>(T[] dxz, T[] du, T[] dh0, T[] dy, T[] gates, T[] operands, T[] u, T[] mask,
        T[] recurrentMask, RecurrentGeometry g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBuffers(g, dy, gates, operands, dxz, u, dh0, mask, recurrentMask);
        Check(g, "du", du, (long)g.Units * g.Width);
        ForRowBlocks<T>(g, (r0, rows) =>
        {
            int n = g.Units, steps = g.Steps, rowOut = (steps + 1) * n;
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
                        var dz = dxz.AsSpan((b * steps + t) * n, n);
                        if (!IsReal(g, mask, b, t))
                        {
                            dz.Clear();
                            continue;
                        }
                        dhRow.CopyTo(dz);
                        MultiplyByDerivative(g.Activation, dz, gates.AsSpan((b * steps + t) * n, n));
                    }
                    PreviousStateGradient(g, dxz, u, recurrentMask, mask, dh, dA, r0, rows, t, accumulate: false);
                }
                for (int i = 0; i < rows; i++) dh.AsSpan(i * n, n).CopyTo(dh0.AsSpan((r0 + i) * n, n));
            }
            finally { Return(dh, dA); }
        });
        KernelGradient(g, du, operands, dxz);
    }

    private static void CheckBuffers<T>(RecurrentGeometry g, T[] y, T[] gates, T[] operands, T[] xz, T[] u,
        T[] h0, T[] mask, T[] recurrentMask)
    {
        if (g.Cell != CellKind.SimpleRnn) throw new ArgumentException($"simple rnn: called with the geometry of a {g}");
        CheckCommon(g, xz, u, y, operands, mask, recurrentMask);
        Check(g, "gates", gates, g.XzLength);
        Check(g, "h0", h0, (long)g.Batch * g.Units);
    }
}

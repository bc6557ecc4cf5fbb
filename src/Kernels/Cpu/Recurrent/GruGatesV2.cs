using System.Runtime.CompilerServices;
using static DeepSeq.Kernels.Cpu.Recurrent.CellVectors;

namespace DeepSeq.Kernels.Cpu.Recurrent;

/// <summary>
/// V2 of the GRU's gate pass, float only (<see cref="CellVectors.Supports{T}"/>): each of V1's per-row phases as one
/// loop over the units in 16-float vectors instead of a span op per formula. The same formulas in the same order,
/// lane by lane, so the results are bit-identical to V1's (RecurrentVersionTests).
/// </summary>
/// <remarks>Measured on B10 (GRU(32), batch 128, 240 steps): see <see cref="Gru"/>'s Production line and
/// benchmarks/RESULTS.md.</remarks>
internal static class GruGatesV2
{
    /// <summary>
    /// The first phase of a real step of one row: with reset after, r += rb and the candidate's product rh
    /// (h₋₁·U_h + rb_h) into <paramref name="candidate"/>; z and r into zr (2U); with reset before, the candidate's
    /// operand r ⊙ h₋₁ (⊙ <paramref name="candidateMask"/>, when not empty) into <paramref name="operand"/>.
    /// </summary>
    public static void Gates(RecurrentGeometry g, Span<float> zr, ReadOnlySpan<float> xz, Span<float> r,
        ReadOnlySpan<float> rb, ReadOnlySpan<float> hPrev, Span<float> candidate, Span<float> operand,
        ReadOnlySpan<float> candidateMask)
    {
        if (KerasDefaults(g))
            GatesCore(g, zr, xz, r, rb, hPrev, candidate, operand, candidateMask, CellActivation.Tanh,
                CellActivation.Sigmoid);
        else GatesCore(g, zr, xz, r, rb, hPrev, candidate, operand, candidateMask, g.Activation, g.RecurrentActivation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GatesCore(RecurrentGeometry g, Span<float> zr, ReadOnlySpan<float> xz, Span<float> r,
        ReadOnlySpan<float> rb, ReadOnlySpan<float> hPrev, Span<float> candidate, Span<float> operand,
        ReadOnlySpan<float> candidateMask, CellActivation act, CellActivation rec)
    {
        int n = g.Units;
        CheckLengths(2 * n, zr.Length, xz.Length);
        CheckLengths(3 * n, r.Length, g.ResetAfter ? rb.Length : 3 * n);
        CheckLengths(n, hPrev.Length, g.ResetAfter ? candidate.Length : operand.Length);
        if (g.RecurrentDropout && g.ResetBefore) CheckLengths(n, candidateMask.Length);
        for (int j = 0; j < n; j += Lanes)
        {
            var (rz, rr) = (Load(r, j), Load(r, n + j));
            if (g.ResetAfter)
            {
                (rz, rr) = (rz + Load(rb, j), rr + Load(rb, n + j));
                var rh = Load(r, 2 * n + j) + Load(rb, 2 * n + j);
                Store(rh, r, 2 * n + j);
                Store(rh, candidate, j);
            }
            var z = Activate(rec, Load(xz, j) + rz);
            var reset = Activate(rec, Load(xz, n + j) + rr);
            Store(z, zr, j);
            Store(reset, zr, n + j);
            if (g.ResetBefore)
            {
                var a = reset * Load(hPrev, j);
                Store(g.RecurrentDropout ? a * Load(candidateMask, j) : a, operand, j);
            }
        }
    }

    /// <summary>
    /// The second phase: h̃ = act(xz_h + r ⊙ rh) with reset after, act(xz_h + rh) before (rh the candidate's
    /// recurrent product), into z's third part, and h = z ⊙ h₋₁ + (1 − z) ⊙ h̃.
    /// </summary>
    public static void Output(RecurrentGeometry g, Span<float> z, ReadOnlySpan<float> xz, ReadOnlySpan<float> rh,
        ReadOnlySpan<float> hPrev, Span<float> h)
    {
        if (KerasDefaults(g))
            OutputCore(g, z, xz, rh, hPrev, h, CellActivation.Tanh, CellActivation.Sigmoid);
        else OutputCore(g, z, xz, rh, hPrev, h, g.Activation, g.RecurrentActivation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OutputCore(RecurrentGeometry g, Span<float> z, ReadOnlySpan<float> xz, ReadOnlySpan<float> rh,
        ReadOnlySpan<float> hPrev, Span<float> h, CellActivation act, CellActivation rec)
    {
        int n = g.Units;
        CheckLengths(3 * n, z.Length, xz.Length);
        CheckLengths(n, rh.Length, hPrev.Length, h.Length);
        for (int j = 0; j < n; j += Lanes)
        {
            var product = g.ResetAfter ? Load(z, n + j) * Load(rh, j) : Load(rh, j);
            var hh = Activate(act, product + Load(xz, 2 * n + j));
            Store(hh, z, 2 * n + j);
            var zj = Load(z, j);
            Store(zj * Load(hPrev, j) + (System.Runtime.Intrinsics.Vector512<float>.One - zj) * hh, h, j);
        }
    }

    /// <summary>
    /// A real step of one row backward, with dh = ∂L/∂h (dy_t added): dz_z and dz_h into dz (3U) and, with reset
    /// after, dz_r and the recurrent product's gradient (dz_z, dz_r, dz_h ⊙ r) into <paramref name="dr"/>; dh
    /// becomes the part of ∂L/∂h₋₁ that goes straight through, dh ⊙ z.
    /// </summary>
    public static void Backward(RecurrentGeometry g, Span<float> dz, Span<float> dr, ReadOnlySpan<float> z,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> rh, Span<float> dh)
    {
        if (KerasDefaults(g))
            BackwardCore(g, dz, dr, z, hPrev, rh, dh, CellActivation.Tanh, CellActivation.Sigmoid);
        else BackwardCore(g, dz, dr, z, hPrev, rh, dh, g.Activation, g.RecurrentActivation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackwardCore(RecurrentGeometry g, Span<float> dz, Span<float> dr, ReadOnlySpan<float> z,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> rh, Span<float> dh, CellActivation act, CellActivation rec)
    {
        int n = g.Units;
        CheckLengths(3 * n, dz.Length, z.Length, g.ResetAfter ? dr.Length : 3 * n);
        CheckLengths(n, hPrev.Length, dh.Length, g.ResetAfter ? rh.Length : n);
        for (int j = 0; j < n; j += Lanes)
        {
            var (zj, hh, dhj) = (Load(z, j), Load(z, 2 * n + j), Load(dh, j));
            var dzz = TimesDerivative(rec, dhj * (Load(hPrev, j) - hh), zj);
            var dzh = TimesDerivative(act, dhj * (System.Runtime.Intrinsics.Vector512<float>.One - zj), hh);
            Store(dzz, dz, j);
            Store(dzh, dz, 2 * n + j);
            Store(dhj * zj, dh, j);
            if (g.ResetAfter)
            {
                var reset = Load(z, n + j);
                var dzr = TimesDerivative(rec, dzh * Load(rh, j), reset);
                Store(dzr, dz, n + j);
                Store(dzz, dr, j);
                Store(dzr, dr, n + j);
                Store(dzh * reset, dr, 2 * n + j);
            }
        }
    }

    /// <summary>
    /// Reset before, backward, for one row: with a = dh̃·U_hᵀ (⊙ m_h), dz_r = a ⊙ h₋₁ ⊙ σ′(r) and dh += a ⊙ r.
    /// </summary>
    public static void ResetGradient(RecurrentGeometry g, Span<float> dz, ReadOnlySpan<float> z,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> a, Span<float> dh)
    {
        if (KerasDefaults(g))
            ResetGradientCore(g, dz, z, hPrev, a, dh, CellActivation.Tanh, CellActivation.Sigmoid);
        else ResetGradientCore(g, dz, z, hPrev, a, dh, g.Activation, g.RecurrentActivation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ResetGradientCore(RecurrentGeometry g, Span<float> dz, ReadOnlySpan<float> z,
        ReadOnlySpan<float> hPrev, ReadOnlySpan<float> a, Span<float> dh, CellActivation act, CellActivation rec)
    {
        int n = g.Units;
        CheckLengths(2 * n, dz.Length, z.Length);
        CheckLengths(n, hPrev.Length, a.Length, dh.Length);
        for (int j = 0; j < n; j += Lanes)
        {
            var (aj, reset) = (Load(a, j), Load(z, n + j));
            Store(TimesDerivative(rec, aj * Load(hPrev, j), reset), dz, n + j);
            Store(Load(dh, j) + aj * reset, dh, j);
        }
    }
}

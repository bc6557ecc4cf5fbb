using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static DeepSeq.Kernels.Cpu.Recurrent.CellVectors;

namespace DeepSeq.Kernels.Cpu.Recurrent;

/// <summary>
/// V2 of the LSTM's gate pass, float only (<see cref="CellVectors.Supports{T}"/>): one loop over a row's units in
/// 16-float vectors that does everything V1 does with a dozen span calls per row (z = xz + r, the four gates, c and
/// h; backward the cell gradient and the four dz), in registers. The same formulas in the same order, lane by lane,
/// so the results are bit-identical to V1's (RecurrentVersionTests).
/// </summary>
/// <remarks>Measured on B7 (LSTM(32), batch 128, 500 steps, 2 cores, one run, kernels alone):
/// see <see cref="Lstm"/>'s Production line and benchmarks/RESULTS.md.</remarks>
internal static class LstmGatesV2
{
    /// <summary>
    /// One real step of one row: z (4U) gets the activated gates i, f, g, o from xz + r, c = f ⊙ c₋₁ + i ⊙ g and
    /// h = o ⊙ act(c).
    /// </summary>
    public static void Forward(RecurrentGeometry g, Span<float> z, ReadOnlySpan<float> xz, ReadOnlySpan<float> r,
        ReadOnlySpan<float> cPrev, Span<float> c, Span<float> h)
    {
        if (KerasDefaults(g))
            ForwardCore(g, z, xz, r, cPrev, c, h, CellActivation.Tanh, CellActivation.Sigmoid);
        else ForwardCore(g, z, xz, r, cPrev, c, h, g.Activation, g.RecurrentActivation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardCore(RecurrentGeometry g, Span<float> z, ReadOnlySpan<float> xz, ReadOnlySpan<float> r,
        ReadOnlySpan<float> cPrev, Span<float> c, Span<float> h, CellActivation act, CellActivation rec)
    {
        int n = g.Units;
        CheckLengths(4 * n, z.Length, xz.Length, r.Length);
        CheckLengths(n, cPrev.Length, c.Length, h.Length);
        for (int j = 0; j < n; j += Lanes)
        {
            var i = Activate(rec, Load(xz, j) + Load(r, j));
            var f = Activate(rec, Load(xz, n + j) + Load(r, n + j));
            var gg = Activate(act, Load(xz, 2 * n + j) + Load(r, 2 * n + j));
            var o = Activate(rec, Load(xz, 3 * n + j) + Load(r, 3 * n + j));
            Store(i, z, j);
            Store(f, z, n + j);
            Store(gg, z, 2 * n + j);
            Store(o, z, 3 * n + j);
            var cj = f * Load(cPrev, j) + i * gg;
            Store(cj, c, j);
            Store(Activate(act, cj) * o, h, j);
        }
    }

    /// <summary>
    /// One real step of one row backward, with dh = ∂L/∂h (dy_t already added) and dc = ∂L/∂c from step t + 1:
    /// dz (4U) gets the gradients of the gate pre-activations, and dc becomes ∂L/∂c₋₁.
    /// </summary>
    public static void Backward(RecurrentGeometry g, Span<float> dz, ReadOnlySpan<float> z, ReadOnlySpan<float> c,
        ReadOnlySpan<float> cPrev, ReadOnlySpan<float> dh, Span<float> dc)
    {
        if (KerasDefaults(g))
            BackwardCore(g, dz, z, c, cPrev, dh, dc, CellActivation.Tanh, CellActivation.Sigmoid);
        else BackwardCore(g, dz, z, c, cPrev, dh, dc, g.Activation, g.RecurrentActivation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BackwardCore(RecurrentGeometry g, Span<float> dz, ReadOnlySpan<float> z, ReadOnlySpan<float> c,
        ReadOnlySpan<float> cPrev, ReadOnlySpan<float> dh, Span<float> dc, CellActivation act, CellActivation rec)
    {
        int n = g.Units;
        CheckLengths(4 * n, dz.Length, z.Length);
        CheckLengths(n, c.Length, cPrev.Length, dh.Length, dc.Length);
        for (int j = 0; j < n; j += Lanes)
        {
            Vector512<float> i = Load(z, j), f = Load(z, n + j), gg = Load(z, 2 * n + j), o = Load(z, 3 * n + j);
            var dhj = Load(dh, j);
            var tc = Activate(act, Load(c, j));
            var dcj = Load(dc, j) + TimesDerivative(act, dhj * o, tc);
            Store(TimesDerivative(rec, dcj * gg, i), dz, j);
            Store(TimesDerivative(rec, dcj * Load(cPrev, j), f), dz, n + j);
            Store(TimesDerivative(act, dcj * i, gg), dz, 2 * n + j);
            Store(TimesDerivative(rec, dhj * tc, o), dz, 3 * n + j);
            Store(dcj * f, dc, j);
        }
    }
}

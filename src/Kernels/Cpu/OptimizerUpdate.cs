using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeepSeq.Kernels.Cpu;

/// <summary>
/// The fused optimizer step (twin: <see cref="Gpu.OptimizerUpdate"/>): one pass over a parameter tensor that reads
/// w, g and the rule's slots and writes w and the slots in place, where the tensor-op form of the same rule made
/// 6–12 whole-tensor temporaries (RMSprop: g², ρ·s, (1−ρ)·g², s, s + ε, √, η·g, Δ, w − Δ) and as many passes.
/// </summary>
/// <remarks>
/// <para>A step is two calls: <see cref="Check{T}"/> computes every new weight and discards it, reporting only
/// whether the gradient and the results are finite; <see cref="Apply{T}"/> then writes. The optimizer checks every
/// parameter before it applies any, so a refused step leaves the whole model as it was (the promise the tensor-op
/// form kept by building every new value before assigning one). The check reads 4 streams and writes none, the
/// apply reads and writes 2–4; both are bound by memory, not arithmetic.</para>
/// <para>SIMD: <see cref="Vector{T}"/> lanes, then the scalar <see cref="UpdateRule{T}.Step"/> for the tail. The
/// vector formulas below are the scalar ones lane by lane, in the same order, so every element rounds as the
/// scalar form would and results do not depend on where the tail starts. One thread: a parameter of a few million
/// elements takes a few milliseconds here, and the steps of the models in this course are dominated by their
/// GEMMs.</para>
/// <para>Buffers are dense and hold exactly n elements (the weight's); a slot the rule does not use
/// (<see cref="UpdateRule{T}.UsesSlot"/>) may be empty.</para>
/// </remarks>
public static class OptimizerUpdate
{
    /// <summary>What the step would give, without writing anything.</summary>
    public static UpdateFlags Check<T>(T[] w, T[] s0, T[] s1, T[] s2, T[] g, UpdateRule<T> rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(w, s0, s1, s2, g, rule);
        int n = g.Length, i = 0;
        // x·0 is 0 for every finite x and NaN for NaN and ±∞: one sum per stream says whether all were finite,
        // without a branch in the loop (summing x itself could overflow on large finite values).
        var (gradientZero, resultZero) = (Vector<T>.Zero, Vector<T>.Zero);
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gv = Load(g, i);
                var (wv, _, _, _) = Step(rule, Load(w, i), LoadSlot(rule, 0, s0, i), LoadSlot(rule, 1, s1, i),
                    LoadSlot(rule, 2, s2, i), gv);
                gradientZero += gv * T.Zero;
                resultZero += wv * T.Zero;
            }
        T gradientSum = Vector.Sum(gradientZero), resultSum = Vector.Sum(resultZero);
        for (; i < n; i++)
        {
            var next = rule.Step(Scalar(rule, w, s0, s1, s2, i), g[i]);
            gradientSum += g[i] * T.Zero;
            resultSum += next.W * T.Zero;
        }
        if (!T.IsFinite(gradientSum)) return UpdateFlags.GradientNotFinite;
        return T.IsFinite(resultSum) ? UpdateFlags.None : UpdateFlags.ResultNotFinite;
    }

    /// <summary>The step, written in place into <paramref name="w"/> and the slots the rule uses.</summary>
    public static void Apply<T>(T[] w, T[] s0, T[] s1, T[] s2, T[] g, UpdateRule<T> rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(w, s0, s1, s2, g, rule);
        int n = g.Length, i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var (wv, a, b, c) = Step(rule, Load(w, i), LoadSlot(rule, 0, s0, i), LoadSlot(rule, 1, s1, i),
                    LoadSlot(rule, 2, s2, i), Load(g, i));
                Store(wv, w, i);
                if (rule.UsesSlot(0)) Store(a, s0, i);
                if (rule.UsesSlot(1)) Store(b, s1, i);
                if (rule.UsesSlot(2)) Store(c, s2, i);
            }
        for (; i < n; i++)
        {
            var next = rule.Step(Scalar(rule, w, s0, s1, s2, i), g[i]);
            w[i] = next.W;
            if (rule.UsesSlot(0)) s0[i] = next.S0;
            if (rule.UsesSlot(1)) s1[i] = next.S1;
            if (rule.UsesSlot(2)) s2[i] = next.S2;
        }
    }

    // UpdateRule.Step on Vector<T>.Count elements at once: the same formulas in the same order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<T> W, Vector<T> S0, Vector<T> S1, Vector<T> S2) Step<T>(UpdateRule<T> rule,
        Vector<T> w, Vector<T> s0, Vector<T> s1, Vector<T> s2, Vector<T> g) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rule.Clips)
        {
            var clip = new Vector<T>(rule.ClipValue);
            g = Vector.Min(Vector.Max(g * rule.GradientScale / new Vector<T>(rule.GradientDivisor), -clip), clip);
        }
        switch (rule.Kind)
        {
            case UpdateKind.Sgd:
                if (!rule.UseMomentum) return (w - g * rule.Rate, s0, s1, s2);
                s0 = s0 * rule.Momentum - g * rule.Rate;
                return (rule.Nesterov ? w + s0 * rule.Momentum - g * rule.Rate : w + s0, s0, s1, s2);
            case UpdateKind.RmsProp:
            {
                s0 = s0 * rule.Rho + g * g * rule.OneMinusDecay1;
                var epsilon = new Vector<T>(rule.Epsilon);
                Vector<T> denominator;
                if (rule.Centered)
                {
                    s1 = s1 * rule.Rho + g * rule.OneMinusDecay1;
                    denominator = s0 - s1 * s1 + epsilon;
                }
                else
                {
                    denominator = s0 + epsilon;
                }
                var increment = g * rule.Rate / Vector.SquareRoot(denominator);
                if (!rule.UseMomentum) return (w - increment, s0, s1, s2);
                s2 = s2 * rule.Momentum + increment;
                return (w - s2, s0, s1, s2);
            }
            case UpdateKind.Adagrad:
                s0 += g * g;
                return (w - g * rule.Rate / Vector.SquareRoot(s0 + new Vector<T>(rule.Epsilon)), s0, s1, s2);
            default:
            {
                s0 += (g - s0) * rule.OneMinusDecay1;
                s1 += (g * g - s1) * rule.OneMinusDecay2;
                var v = s1;
                if (rule.Amsgrad) v = s2 = Vector.Max(s2, s1);
                return (w - s0 * rule.Rate / (Vector.SquareRoot(v) + new Vector<T>(rule.Epsilon)), s0, s1, s2);
            }
        }
    }

    // The loops read without bounds checks, so every buffer they touch must hold exactly the gradient's n elements.
    private static void Validate<T>(T[] w, T[] s0, T[] s1, T[] s2, T[] g, UpdateRule<T> rule)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (w.Length != g.Length)
            throw new ArgumentException($"optimizer update ({rule.Kind}): the weight holds {w.Length} elements, the " +
                                        $"gradient {g.Length}");
        T[][] slots = [s0, s1, s2];
        for (int k = 0; k < 3; k++)
            if (rule.UsesSlot(k) && slots[k].Length != g.Length)
                throw new ArgumentException($"optimizer update ({rule.Kind}): slot {k} holds {slots[k].Length} " +
                                            $"elements, the gradient {g.Length}");
    }

    private static UpdateState<T> Scalar<T>(UpdateRule<T> rule, T[] w, T[] s0, T[] s1, T[] s2, int i)
        where T : unmanaged, IFloatingPointIeee754<T> => new(w[i],
        rule.UsesSlot(0) ? s0[i] : T.Zero, rule.UsesSlot(1) ? s1[i] : T.Zero, rule.UsesSlot(2) ? s2[i] : T.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> LoadSlot<T>(UpdateRule<T> rule, int slot, T[] values, int i)
        where T : unmanaged, IFloatingPointIeee754<T> => rule.UsesSlot(slot) ? Load(values, i) : Vector<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<T> Load<T>(T[] values, int i) where T : unmanaged
        => Unsafe.ReadUnaligned<Vector<T>>(ref Unsafe.As<T, byte>(ref Unsafe.Add(
            ref MemoryMarshal.GetArrayDataReference(values), i)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(Vector<T> value, T[] values, int i) where T : unmanaged
        => Unsafe.WriteUnaligned(ref Unsafe.As<T, byte>(ref Unsafe.Add(
            ref MemoryMarshal.GetArrayDataReference(values), i)), value);
}

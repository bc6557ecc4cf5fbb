using System.Numerics;

namespace DeepSeq.Kernels;

/// <summary>The four optimizer update rules the fused kernels know (src/Layers/Optimizers has one class each).</summary>
public enum UpdateKind
{
    /// <summary>SGD, plain, with momentum, or with Nesterov momentum.</summary>
    Sgd,
    /// <summary>RMSprop, plain or centered, with or without momentum.</summary>
    RmsProp,
    /// <summary>Adagrad.</summary>
    Adagrad,
    /// <summary>Adam, or AMSGrad.</summary>
    Adam,
}

/// <summary>What the read-only pass of <see cref="Cpu.OptimizerUpdate.Check{T}"/> found.</summary>
[Flags]
public enum UpdateFlags
{
    /// <summary>Every gradient element and every new weight is finite.</summary>
    None = 0,
    /// <summary>A gradient element is NaN or ±∞.</summary>
    GradientNotFinite = 1,
    /// <summary>A new weight would be NaN or ±∞ (the gradient being finite).</summary>
    ResultNotFinite = 2,
}

/// <summary>One element of a parameter and of its optimizer slots, before or after a step.</summary>
/// <param name="W">The weight.</param>
/// <param name="S0">Slot 0 (SGD's and Adam's momentum, RMSprop's velocity, Adagrad's accumulator).</param>
/// <param name="S1">Slot 1 (RMSprop's average gradient, Adam's velocity).</param>
/// <param name="S2">Slot 2 (RMSprop's momentum, Adam's velocity_hat).</param>
public record struct UpdateState<T>(T W, T S0, T S1, T S2) where T : unmanaged;

/// <summary>
/// One optimizer step for one parameter tensor, as numbers the fused kernels take by value (the CPU's SIMD loop and,
/// one thread per element, the GPU's): which rule, its coefficients already in <typeparamref name="T"/> (the host
/// evaluates the learning-rate schedule and Adam's bias correction once per step), and the gradient's clipping.
/// </summary>
/// <remarks>
/// <para>Every formula is written in the order of operations of the tensor-op rules it replaced (kept in the tests as
/// the reference), so a fused step is bit-identical to them: C# never contracts a·b + c into a fused multiply-add,
/// and +, −, ×, ÷ and √ round the same way on every lane and on both sides.</para>
/// <para>The gradient first becomes clamp(g·<see cref="GradientScale"/> / <see cref="GradientDivisor"/>,
/// ±<see cref="ClipValue"/>): Keras's clipnorm is scale c and divisor max(‖g‖₂, c), global_clipnorm scale
/// c / max(G, c) and divisor 1, clipvalue a finite <see cref="ClipValue"/>; 1, 1 and +∞ leave g exactly as it
/// is.</para>
/// </remarks>
public readonly record struct UpdateRule<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // The four switches as bits: ILGPU passes only blittable structs to kernels, and bool is not blittable.
    private readonly int _options;

    /// <summary>The rule.</summary>
    public UpdateKind Kind { get; init; }
    /// <summary>η (SGD, RMSprop, Adagrad); Adam's α = η·√(1 − β₂ᵗ) / (1 − β₁ᵗ).</summary>
    public T Rate { get; init; }
    /// <summary>μ (SGD and RMSprop with <see cref="UseMomentum"/>).</summary>
    public T Momentum { get; init; }
    /// <summary>ρ (RMSprop).</summary>
    public T Rho { get; init; }
    /// <summary>RMSprop's 1 − ρ; Adam's 1 − β₁.</summary>
    public T OneMinusDecay1 { get; init; }
    /// <summary>Adam's 1 − β₂.</summary>
    public T OneMinusDecay2 { get; init; }
    /// <summary>ε.</summary>
    public T Epsilon { get; init; }
    /// <summary>SGD and RMSprop: whether μ is used (slot 0 for SGD, slot 2 for RMSprop).</summary>
    public bool UseMomentum { get => (_options & 1) != 0; init => _options = value ? _options | 1 : _options & ~1; }
    /// <summary>SGD: Nesterov momentum.</summary>
    public bool Nesterov { get => (_options & 2) != 0; init => _options = value ? _options | 2 : _options & ~2; }
    /// <summary>RMSprop: centered (slot 1).</summary>
    public bool Centered { get => (_options & 4) != 0; init => _options = value ? _options | 4 : _options & ~4; }
    /// <summary>Adam: AMSGrad (slot 2).</summary>
    public bool Amsgrad { get => (_options & 8) != 0; init => _options = value ? _options | 8 : _options & ~8; }
    /// <summary>The gradient is multiplied by this (1 for none).</summary>
    public T GradientScale { get; init; }
    /// <summary>… then divided by this (1 for none).</summary>
    public T GradientDivisor { get; init; }
    /// <summary>… then clamped to [−c, c] (+∞ for none).</summary>
    public T ClipValue { get; init; }

    /// <summary>A rule of <paramref name="kind"/> with its gradient left as it is; the rule's classes set the
    /// rest.</summary>
    public static UpdateRule<T> Of(UpdateKind kind) => new()
    {
        Kind = kind, GradientScale = T.One, GradientDivisor = T.One, ClipValue = T.PositiveInfinity,
    };

    /// <summary>Whether the rule reads and writes slot <paramref name="slot"/> (0, 1 or 2); the kernels touch no
    /// other, so an unused slot may be any buffer.</summary>
    public bool UsesSlot(int slot) => Kind switch
    {
        UpdateKind.Sgd => slot == 0 && UseMomentum,
        UpdateKind.RmsProp => slot == 0 || (slot == 1 && Centered) || (slot == 2 && UseMomentum),
        UpdateKind.Adagrad => slot == 0,
        _ => slot < 2 || Amsgrad,
    };

    /// <summary>Whether the gradient is clipped at all: when not, the kernels skip the multiply, the divide and the
    /// clamp (which would leave g exactly as it is), a third of RMSprop's arithmetic.</summary>
    public bool Clips => GradientScale != T.One || GradientDivisor != T.One || T.IsFinite(ClipValue);

    /// <summary>The gradient after clipping (see the remarks).</summary>
    public T Clip(T g) => Clips ? T.Min(T.Max(g * GradientScale / GradientDivisor, -ClipValue), ClipValue) : g;

    /// <summary>One step of one element: the weight and the slots after it, from their values before it and the
    /// raw gradient <paramref name="g"/>. The scalar form both sides run (the CPU for the tail of a
    /// vector loop); <see cref="Cpu.OptimizerUpdate"/> has the same formulas on vectors.</summary>
    public UpdateState<T> Step(UpdateState<T> s, T g)
    {
        g = Clip(g);
        switch (Kind)
        {
            case UpdateKind.Sgd:
                if (!UseMomentum) return s with { W = s.W - g * Rate };                 // w ← w − η·g
                s.S0 = s.S0 * Momentum - g * Rate;                                     // v ← μ·v − η·g
                s.W = Nesterov ? s.W + s.S0 * Momentum - g * Rate : s.W + s.S0;        // w ← w + μ·v − η·g | w + v
                return s;
            case UpdateKind.RmsProp:
            {
                s.S0 = s.S0 * Rho + g * g * OneMinusDecay1;                            // s ← ρ·s + (1−ρ)·g²
                T denominator;
                if (Centered)
                {
                    s.S1 = s.S1 * Rho + g * OneMinusDecay1;                            // ḡ ← ρ·ḡ + (1−ρ)·g
                    denominator = s.S0 - s.S1 * s.S1 + Epsilon;                        // s − ḡ² + ε
                }
                else
                {
                    denominator = s.S0 + Epsilon;                                      // s + ε
                }
                T increment = g * Rate / T.Sqrt(denominator);                          // Δ = η·g / √(…)
                if (!UseMomentum) return s with { W = s.W - increment };
                s.S2 = s.S2 * Momentum + increment;                                    // m ← μ·m + Δ
                s.W = s.W - s.S2;
                return s;
            }
            case UpdateKind.Adagrad:
                s.S0 = s.S0 + g * g;                                                   // a ← a + g²
                s.W = s.W - g * Rate / T.Sqrt(s.S0 + Epsilon);                         // w ← w − η·g / √(a + ε)
                return s;
            default:
            {
                s.S0 = s.S0 + (g - s.S0) * OneMinusDecay1;                             // m ← m + (g − m)(1 − β₁)
                s.S1 = s.S1 + (g * g - s.S1) * OneMinusDecay2;                         // v ← v + (g² − v)(1 − β₂)
                T v = s.S1;
                if (Amsgrad) v = s.S2 = T.Max(s.S2, s.S1);                             // v̂ ← max(v̂, v)
                s.W = s.W - s.S0 * Rate / (T.Sqrt(v) + Epsilon);                       // w ← w − α·m / (√v + ε)
                return s;
            }
        }
    }
}

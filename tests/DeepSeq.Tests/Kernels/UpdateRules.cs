using System.Numerics;
using DeepSeq.Kernels;

namespace DeepSeq.Tests.Kernels;

/// <summary>What the fused optimizer kernel tests share: one rule of every kind and variant, and random operands.</summary>
internal static class UpdateRules
{
    /// <summary>Every rule and variant the kernels know, with the clipping modes on some of them.</summary>
    public static IEnumerable<(string Name, UpdateRule<T> Rule)> All<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        T C(double x) => T.CreateChecked(x);
        var sgd = UpdateRule<T>.Of(UpdateKind.Sgd) with { Rate = C(0.05), Momentum = C(0.9) };
        var rms = UpdateRule<T>.Of(UpdateKind.RmsProp) with
        {
            Rate = C(0.01), Rho = C(0.9), OneMinusDecay1 = T.One - C(0.9), Epsilon = C(1e-7), Momentum = C(0.5),
        };
        var adam = UpdateRule<T>.Of(UpdateKind.Adam) with
        {
            Rate = C(0.003), OneMinusDecay1 = C(0.1), OneMinusDecay2 = C(0.001), Epsilon = C(1e-7),
        };
        yield return ("sgd", sgd);
        yield return ("sgd momentum", sgd with { UseMomentum = true });
        yield return ("sgd nesterov clipvalue", sgd with { UseMomentum = true, Nesterov = true, ClipValue = C(0.3) });
        yield return ("rmsprop", rms);
        yield return ("rmsprop centered momentum", rms with { Centered = true, UseMomentum = true });
        yield return ("adagrad clipnorm", UpdateRule<T>.Of(UpdateKind.Adagrad) with
        {
            Rate = C(0.1), Epsilon = C(1e-7), GradientScale = C(0.5), GradientDivisor = C(1.7),
        });
        yield return ("adam", adam);
        yield return ("adam amsgrad", adam with { Amsgrad = true });
    }

    /// <summary>n values in [−2, 2); the slots non-negative where a rule takes their square root.</summary>
    public static T[] Random<T>(Random rng, int n, bool nonNegative = false) where T : unmanaged, IFloatingPointIeee754<T>
        => [.. Enumerable.Range(0, n).Select(_ => T.CreateChecked(nonNegative ? rng.NextDouble() : rng.NextDouble() * 4 - 2))];

    /// <summary>A weight, three slots and a gradient of n elements. The slots are non-negative (squares accumulate
    /// in them) and s1² &lt; s0, as a real RMSprop's mean gradient and second moment are (else √(s0 − s1² + ε) is
    /// NaN).</summary>
    public static (T[] W, T[] S0, T[] S1, T[] S2, T[] G) Operands<T>(Random rng, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s0 = Random<T>(rng, n, true);
        var s1 = Random<T>(rng, n, true).Select((x, i) => x * T.Sqrt(s0[i])).ToArray();
        return (Random<T>(rng, n), s0, s1, Random<T>(rng, n, true), Random<T>(rng, n));
    }
}

using System.Numerics;
using DeepSeq.Layers.Optimizers;
using static DeepSeq.Tests.Layers.Optimizers.OptimizerTestKit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>
/// What the update-rule tests share: three steps with changing gradients from one start, run in float32 or float64
/// and compared after every step with a reference written out in plain double arithmetic.
/// </summary>
internal static class UpdateRuleKit
{
    public static readonly double[] Start = [0.5, -1.25, 2.0];
    public static readonly double[][] Gradients = [[0.3, -0.7, 1.5], [-0.2, 0.4, 0.9], [0.05, -1.1, -0.6]];

    // float keeps about 7 digits; the three steps add a few roundings.
    public static double Tolerance<T>() => typeof(T) == typeof(float) ? 2e-6 : 1e-13;

    /// <summary>Runs three steps of <paramref name="optimizer"/> and compares w after each with the reference.</summary>
    public static void AssertMatches<T>(Optimizer optimizer, Func<double[], double[][], double[][]> reference) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var expected = reference(Start, Gradients);
        var w = Parameter<T>(Start, name: "w");
        for (int step = 0; step < Gradients.Length; step++)
        {
            SetGradient(w, Gradients[step]);
            optimizer.Apply([w]);
            AssertClose(expected[step], Values(w), Tolerance<T>(), $"{optimizer.Name} ({typeof(T).Name}) after step {step + 1}");
        }
    }

    public static void Run(Type dtype, Optimizer optimizer, Func<double[], double[][], double[][]> reference)
    {
        if (dtype == typeof(float)) AssertMatches<float>(optimizer, reference);
        else AssertMatches<double>(optimizer, reference);
    }
}

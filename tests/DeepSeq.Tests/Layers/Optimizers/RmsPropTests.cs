using DeepSeq.Layers.Optimizers;
using Xunit;
using static DeepSeq.Tests.Layers.Optimizers.OptimizerTestKit;
using static DeepSeq.Tests.Layers.Optimizers.UpdateRuleKit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>
/// RMSprop, with Keras's defaults and centred with momentum, against a reference in plain double arithmetic for
/// three steps, in float32 and float64.
/// The reference transcribes Keras 3's <c>update_step</c> and shares no code with the tensor implementation.
/// </summary>
public sealed class RmsPropTests
{
    private static double[][] RmsPropReference(double[] w0, double[][] gs, double lr, double rho, double mu, double eps, bool centered)
    {
        var (w, s, mean, m) = ((double[])w0.Clone(), new double[w0.Length], new double[w0.Length], new double[w0.Length]);
        var trace = new List<double[]>();
        foreach (var g in gs)
        {
            for (int i = 0; i < w.Length; i++)
            {
                s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                mean[i] = rho * mean[i] + (1 - rho) * g[i];
                double denominator = centered ? s[i] - mean[i] * mean[i] + eps : s[i] + eps;
                double increment = lr * g[i] / Math.Sqrt(denominator);
                m[i] = mu * m[i] + increment;
                w[i] -= mu > 0 ? m[i] : increment;
            }
            trace.Add((double[])w.Clone());
        }
        return [.. trace];
    }

    [Theory, InlineData(typeof(float)), InlineData(typeof(double))]
    public void RmsPropWithKerasDefaults(Type dtype) => Run(dtype, new RmsProp(0.01), (w, g) => RmsPropReference(w, g, 0.01, 0.9, 0, 1e-7, false));

    [Theory, InlineData(typeof(float)), InlineData(typeof(double))]
    public void CenteredRmsPropWithMomentum(Type dtype) =>
        Run(dtype, new RmsProp(0.01, rho: 0.8, momentum: 0.5, epsilon: 1e-3, centered: true), (w, g) => RmsPropReference(w, g, 0.01, 0.8, 0.5, 1e-3, true));
}

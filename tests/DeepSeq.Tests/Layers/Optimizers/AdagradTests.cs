using DeepSeq.Layers.Optimizers;
using Xunit;
using static DeepSeq.Tests.Layers.Optimizers.OptimizerTestKit;
using static DeepSeq.Tests.Layers.Optimizers.UpdateRuleKit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>
/// Adagrad with Keras's defaults against a reference in plain double arithmetic for three steps, in float32 and
/// float64.
/// The reference transcribes Keras 3's <c>update_step</c> and shares no code with the tensor implementation.
/// </summary>
public sealed class AdagradTests
{
    private static double[][] AdagradReference(double[] w0, double[][] gs, double lr, double a0, double eps)
    {
        var w = (double[])w0.Clone();
        var a = Enumerable.Repeat(a0, w0.Length).ToArray();
        var trace = new List<double[]>();
        foreach (var g in gs)
        {
            for (int i = 0; i < w.Length; i++)
            {
                a[i] += g[i] * g[i];
                w[i] -= lr * g[i] / Math.Sqrt(a[i] + eps);
            }
            trace.Add((double[])w.Clone());
        }
        return [.. trace];
    }

    [Theory, InlineData(typeof(float)), InlineData(typeof(double))]
    public void AdagradWithKerasDefaults(Type dtype) => Run(dtype, new Adagrad(0.1), (w, g) => AdagradReference(w, g, 0.1, 0.1, 1e-7));
}

using DeepSeq.Layers.Optimizers;
using Xunit;
using static DeepSeq.Tests.Layers.Optimizers.OptimizerTestKit;
using static DeepSeq.Tests.Layers.Optimizers.UpdateRuleKit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>
/// SGD, plain, with momentum and with Nesterov momentum, against a reference in plain double arithmetic for three
/// steps, in float32 and float64.
/// The reference transcribes Keras 3's <c>update_step</c> and shares no code with the tensor implementation.
/// </summary>
public sealed class SgdTests
{
    private static double[][] SgdReference(double[] w0, double[][] gs, double lr, double mu, bool nesterov)
    {
        var (w, v) = ((double[])w0.Clone(), new double[w0.Length]);
        var trace = new List<double[]>();
        foreach (var g in gs)
        {
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = mu * v[i] - lr * g[i];
                w[i] += nesterov ? mu * v[i] - lr * g[i] : v[i];
            }
            trace.Add((double[])w.Clone());
        }
        return [.. trace];
    }

    [Theory, InlineData(typeof(float)), InlineData(typeof(double))]
    public void PlainSgd(Type dtype) => Run(dtype, new Sgd(0.1), (w, g) => SgdReference(w, g, 0.1, 0, false));

    [Theory, InlineData(typeof(float)), InlineData(typeof(double))]
    public void SgdWithMomentum(Type dtype) => Run(dtype, new Sgd(0.1, momentum: 0.9), (w, g) => SgdReference(w, g, 0.1, 0.9, false));

    [Theory, InlineData(typeof(float)), InlineData(typeof(double))]
    public void SgdWithNesterovMomentum(Type dtype) => Run(dtype, new Sgd(0.1, momentum: 0.9, nesterov: true), (w, g) => SgdReference(w, g, 0.1, 0.9, true));
}

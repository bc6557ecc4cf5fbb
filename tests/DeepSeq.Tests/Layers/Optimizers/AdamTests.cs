using DeepSeq.Devices;
using DeepSeq.Layers.Optimizers;
using Xunit;
using static DeepSeq.Tests.Layers.Optimizers.OptimizerTestKit;
using static DeepSeq.Tests.Layers.Optimizers.UpdateRuleKit;

namespace DeepSeq.Tests.Layers.Optimizers;

/// <summary>
/// Adam, with Keras's defaults and with AMSGrad, against a reference in plain double arithmetic for three steps,
/// in float32 and float64; and Adam (clipped, with AMSGrad) on ILGPU's CPU accelerator gives the CPU's numbers with
/// its state on that device.
/// The reference transcribes Keras 3's <c>update_step</c> and shares no code with the tensor implementation.
/// </summary>
public sealed class AdamTests
{
    private static double[][] AdamReference(double[] w0, double[][] gs, double lr, double b1, double b2, double eps, bool amsgrad)
    {
        var (w, m, v, vMax) = ((double[])w0.Clone(), new double[w0.Length], new double[w0.Length], new double[w0.Length]);
        var trace = new List<double[]>();
        for (int t = 1; t <= gs.Length; t++)
        {
            var g = gs[t - 1];
            double alpha = lr * Math.Sqrt(1 - Math.Pow(b2, t)) / (1 - Math.Pow(b1, t));
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                vMax[i] = Math.Max(vMax[i], v[i]);
                w[i] -= alpha * m[i] / (Math.Sqrt(amsgrad ? vMax[i] : v[i]) + eps);
            }
            trace.Add((double[])w.Clone());
        }
        return [.. trace];
    }

    [Theory, InlineData(typeof(float)), InlineData(typeof(double))]
    public void AdamWithKerasDefaults(Type dtype) => Run(dtype, new Adam(0.01), (w, g) => AdamReference(w, g, 0.01, 0.9, 0.999, 1e-7, false));

    [Theory, InlineData(typeof(float)), InlineData(typeof(double))]
    public void AdamWithAmsgrad(Type dtype) =>
        Run(dtype, new Adam(0.01, beta1: 0.5, beta2: 0.6, epsilon: 1e-4, amsgrad: true), (w, g) => AdamReference(w, g, 0.01, 0.5, 0.6, 1e-4, true));

    [Fact]
    public void AmsgradDiffersFromAdamWhenTheSecondMomentShrinks()
    {
        // The third gradients are small, so v falls below its maximum: a reference that ignored AMSGrad would fail above.
        var plain = AdamReference(Start, Gradients, 0.01, 0.5, 0.6, 1e-4, false)[^1];
        var ams = AdamReference(Start, Gradients, 0.01, 0.5, 0.6, 1e-4, true)[^1];
        Assert.Contains(plain.Zip(ams), p => Math.Abs(p.First - p.Second) > 1e-4);
    }

    [Fact]
    public void AdamOnIlgpuMatchesAdamOnTheCpu()
    {
        double[] start = [0.5, -1.0, 2.0, 0.25, -0.75, 1.5];
        double[][] gradients = [[0.3, -0.7, 1.5, 0.1, 0.2, -0.4], [-0.2, 0.4, 0.9, 3.0, -0.1, 0.05]];
        var device = IlgpuDevice.CpuSimulator;
        var (onDevice, onCpu) = (Parameter<float>(start, [2, 3], device), Parameter<float>(start, [2, 3]));
        var (deviceAdam, cpuAdam) = (new Adam(0.1, amsgrad: true) { ClipNorm = 2.0 }, new Adam(0.1, amsgrad: true) { ClipNorm = 2.0 });
        foreach (var g in gradients)
        {
            SetGradient(onDevice, g);
            SetGradient(onCpu, g);
            deviceAdam.Apply([onDevice]);
            cpuAdam.Apply([onCpu]);
        }
        Assert.Same(device, onDevice.Data.Device);
        Assert.All(deviceAdam.SlotsOf(onDevice)!.All.Values, slot => Assert.Same(device, slot.Device));
        AssertClose(Values(onCpu), Values(onDevice), 1e-6, "adam on ilgpu");
        Assert.NotEqual(start, Values(onDevice));
    }
}

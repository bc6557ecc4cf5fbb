using DeepSeq.Autograd;
using DeepSeq.Layers;
using Xunit;

namespace DeepSeq.Tests.Layers.Recurrent;

using Tensor = DeepSeq.Tensor;

/// <summary>
/// src/Layers/Recurrent/TorchLayouts.cs: weights in PyTorch's layout, loaded through the conversion, make DeepSeq's
/// layers compute PyTorch's own equations (written here from PyTorch's documentation), and the conversions invert
/// each other.
/// </summary>
public sealed class TorchLayoutsTests
{
    private const int Batch = 2, Steps = 4, Features = 3, Units = 2;

    private static Tensor<double> Random(int seed, params int[] shape) =>
        Tensor.RandomUniform<double>(new Shape(shape), new Generator((ulong)seed), -1.0, 1.0);

    private static void Close(Tensor<double> expected, Tensor<double> actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, a) = (expected.ToArray(), actual.ToArray());
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) < 1e-12, $"{i}: {e[i]} vs {a[i]}");
    }

    [Fact]
    public void AGruLoadedFromPyTorchComputesPyTorchsEquations()
    {
        var (wIh, wHh) = (Random(1, 3 * Units, Features), Random(2, 3 * Units, Units));
        var (bIh, bHh) = (Random(3, 3 * Units), Random(4, 3 * Units));
        var x = Random(5, Batch, Steps, Features);
        var gru = new Gru(Units);
        gru.Build([new SymbolicShape([null, Steps, Features])], typeof(double));
        gru.SetWeights(TorchLayouts.GruFromTorch(wIh, wHh, bIh, bHh));
        var y = gru.Call(new Variable<double>(x)).Data;

        // torch.nn.GRU: r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
        // n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h′ = (1 − z) ⊙ n + z ⊙ h
        Tensor<double> G(Tensor<double> t, int k) => t.Narrow(-1, k * Units, Units);
        var h = Tensor.Zeros<double>([Batch, Units]);
        for (int t = 0; t < Steps; t++)
        {
            var gi = x.Narrow(1, t, 1).Squeeze(1).MatMul(wIh.Transpose()) + bIh;
            var gh = h.MatMul(wHh.Transpose()) + bHh;
            var r = (G(gi, 0) + G(gh, 0)).Sigmoid();
            var z = (G(gi, 1) + G(gh, 1)).Sigmoid();
            var n = (G(gi, 2) + r * G(gh, 2)).Tanh();
            h = (1.0 - z) * n + z * h;
        }
        Close(h, y);
        var back = TorchLayouts.GruToTorch(gru.GetWeights<double>()[0], gru.GetWeights<double>()[1],
            gru.GetWeights<double>()[2]);
        foreach (var (original, roundTrip) in new[] { wIh, wHh, bIh, bHh }.Zip(back)) Close(original, roundTrip);
    }

    [Fact]
    public void AnLstmLoadedFromPyTorchComputesPyTorchsEquations()
    {
        var (wIh, wHh) = (Random(6, 4 * Units, Features), Random(7, 4 * Units, Units));
        var (bIh, bHh) = (Random(8, 4 * Units), Random(9, 4 * Units));
        var x = Random(10, Batch, Steps, Features);
        var lstm = new Lstm(Units);
        lstm.Build([new SymbolicShape([null, Steps, Features])], typeof(double));
        lstm.SetWeights(TorchLayouts.LstmFromTorch(wIh, wHh, bIh, bHh));
        var y = lstm.Call(new Variable<double>(x)).Data;

        // torch.nn.LSTM, gates i, f, g, o: c′ = f ⊙ c + i ⊙ g, h′ = o ⊙ tanh(c′)
        Tensor<double> G(Tensor<double> t, int k) => t.Narrow(-1, k * Units, Units);
        var (h, c) = (Tensor.Zeros<double>([Batch, Units]), Tensor.Zeros<double>([Batch, Units]));
        for (int t = 0; t < Steps; t++)
        {
            var g = x.Narrow(1, t, 1).Squeeze(1).MatMul(wIh.Transpose()) + bIh + h.MatMul(wHh.Transpose()) + bHh;
            c = G(g, 1).Sigmoid() * c + G(g, 0).Sigmoid() * G(g, 2).Tanh();
            h = G(g, 3).Sigmoid() * c.Tanh();
        }
        Close(h, y);
        var torch = TorchLayouts.LstmToTorch(lstm.GetWeights<double>()[0], lstm.GetWeights<double>()[1],
            lstm.GetWeights<double>()[2]);
        Close(wIh, torch[0]);
        Close(wHh, torch[1]);
        Close(bIh + bHh, torch[2] + torch[3]);
    }
}

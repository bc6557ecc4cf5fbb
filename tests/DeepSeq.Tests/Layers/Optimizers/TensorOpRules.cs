using System.Numerics;
using DeepSeq.Layers.Optimizers;

namespace DeepSeq.Tests.Layers.Optimizers;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Version 1 of the update rules: each written with whole-tensor ops, as src/Layers/Optimizers had them before the
/// fused kernel (src/Kernels/UpdateRule.cs). The fused step must give the same bits; these are the reference.
/// </summary>
internal sealed class TensorOpRules<T>(Optimizer optimizer) where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<(int, string), Tensor<T>> _slots = [];
    private long _step;

    /// <summary>One step over the parameters <paramref name="weights"/> (each a key for its slots) with
    /// <paramref name="gradients"/>; the new weights.</summary>
    public Tensor<T>[] Step(Tensor<T>[] weights, Tensor<T>[] gradients)
    {
        var clipped = Clip(gradients);
        double lr = optimizer.CurrentLearningRate;
        var result = new Tensor<T>[weights.Length];
        for (int i = 0; i < weights.Length; i++) result[i] = Update(i, weights[i], clipped[i], lr);
        _step++;
        return result;
    }

    private IReadOnlyList<Tensor<T>> Clip(Tensor<T>[] gradients)
    {
        if (optimizer.ClipNorm is { } norm) return [.. gradients.Select(g => GradientClipping.ByNorm(g, norm))];
        if (optimizer.GlobalClipNorm is { } global) return GradientClipping.ByGlobalNorm(gradients, global);
        if (optimizer.ClipValue is { } value) return [.. gradients.Select(g => GradientClipping.ByValue(g, value))];
        return gradients;
    }

    private Tensor<T> Slot(int i, string name, Shape shape, double initial = 0)
        => _slots.TryGetValue((i, name), out var s) ? s : Tensor.Full(shape, T.CreateChecked(initial));

    private Tensor<T> Update(int i, Tensor<T> weight, Tensor<T> gradient, double learningRate)
    {
        var shape = weight.Shape;
        var lr = T.CreateChecked(learningRate);
        switch (optimizer)
        {
            case Sgd sgd:
            {
                if (sgd.Momentum == 0) return weight - gradient * lr;
                var mu = T.CreateChecked(sgd.Momentum);
                var velocity = Slot(i, "momentum", shape) * mu - gradient * lr;
                _slots[(i, "momentum")] = velocity;
                return sgd.Nesterov ? weight + velocity * mu - gradient * lr : weight + velocity;
            }
            case RmsProp rms:
            {
                var (rho, eps) = (T.CreateChecked(rms.Rho), T.CreateChecked(rms.Epsilon));
                var velocity = Slot(i, "velocity", shape) * rho + gradient * gradient * (T.One - rho);
                _slots[(i, "velocity")] = velocity;
                Tensor<T> denominator;
                if (rms.Centered)
                {
                    var average = Slot(i, "average_gradient", shape) * rho + gradient * (T.One - rho);
                    _slots[(i, "average_gradient")] = average;
                    denominator = velocity - average * average + eps;
                }
                else
                {
                    denominator = velocity + eps;
                }
                var increment = gradient * lr / denominator.Sqrt();
                if (rms.Momentum == 0) return weight - increment;
                var momentum = Slot(i, "momentum", shape) * T.CreateChecked(rms.Momentum) + increment;
                _slots[(i, "momentum")] = momentum;
                return weight - momentum;
            }
            case Adagrad adagrad:
            {
                var accumulator = Slot(i, "accumulator", shape, adagrad.InitialAccumulatorValue) + gradient * gradient;
                _slots[(i, "accumulator")] = accumulator;
                return weight - gradient * lr / (accumulator + T.CreateChecked(adagrad.Epsilon)).Sqrt();
            }
            case Adam adam:
            {
                long t = _step + 1;
                double alpha = learningRate * Math.Sqrt(1 - Math.Pow(adam.Beta2, t)) / (1 - Math.Pow(adam.Beta1, t));
                var m = Slot(i, "momentum", shape);
                m += (gradient - m) * T.CreateChecked(1 - adam.Beta1);
                _slots[(i, "momentum")] = m;
                var v = Slot(i, "velocity", shape);
                v += (gradient * gradient - v) * T.CreateChecked(1 - adam.Beta2);
                _slots[(i, "velocity")] = v;
                if (adam.Amsgrad)
                {
                    v = Slot(i, "velocity_hat", shape).Maximum(v);
                    _slots[(i, "velocity_hat")] = v;
                }
                return weight - m * T.CreateChecked(alpha) / (v.Sqrt() + T.CreateChecked(adam.Epsilon));
            }
            default:
                throw new ArgumentException($"no reference for {optimizer.Name}");
        }
    }
}

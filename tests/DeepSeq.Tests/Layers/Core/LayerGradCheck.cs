using DeepSeq.Autograd;
using DeepSeq.Layers;

namespace DeepSeq.Tests.Layers.Core;

/// <summary>
/// Runs <see cref="GradCheck"/> on a layer as a function of its inputs <em>and</em> its weights, in float64.
/// </summary>
/// <remarks>
/// <para>GradCheck perturbs the tensors it is given and differentiates with respect to fresh variables it makes
/// for them, but a layer reads its weights from its own leaf variables. So the function handed to GradCheck first
/// assigns GradCheck's values to the weights, runs the layer, and then passes the output through a
/// <see cref="Bridge"/> node whose backward asks autograd (<see cref="Gradients.Of{T}"/>) for the gradient of the
/// layer's output with respect to the layer's own inputs and weights, and hands those on to GradCheck's
/// variables. The forward values are untouched; only the place the gradient lands is redirected.</para>
/// <para>The weights get their original values back afterwards.</para>
/// </remarks>
public static class LayerGradCheck
{
    /// <summary>
    /// Checks ∂(Σ f·w)/∂x for every input of <paramref name="differentiable"/> and ∂/∂W for every weight of
    /// <paramref name="layer"/> (built in float64 by a first call).
    /// </summary>
    /// <param name="layer">the layer whose weights are checked</param>
    /// <param name="inputs">its inputs, in call order</param>
    /// <param name="differentiable">false for inputs that are ids (an Embedding's): held constant, not checked</param>
    /// <param name="call">the computation: the layer applied to the input variables (may build a fresh layer for a seeded dropout mask)</param>
    /// <param name="what">the name used in the failure message</param>
    public static void Assert(Layer layer, IReadOnlyList<Tensor<double>> inputs, bool differentiable,
        Func<IReadOnlyList<Variable<double>>, Variable<double>> call, string what)
    {
        var weights = layer.Weights.Select(w => w.Variable<double>()).ToArray();
        var original = weights.Select(w => w.Data).ToArray();
        int checkedInputs = differentiable ? inputs.Count : 0;
        var point = inputs.Take(checkedInputs).Concat(original).ToArray();
        try
        {
            GradCheck.Assert(vars =>
            {
                for (int k = 0; k < weights.Length; k++) weights[k].Assign(vars[checkedInputs + k].Data);
                var xs = inputs.Select((x, i) => new Variable<double>(i < checkedInputs ? vars[i].Data : x, requiresGrad: i < checkedInputs)).ToArray();
                var output = call(xs);
                return Bridge.Apply(output, [.. xs.Take(checkedInputs), .. weights], vars);
            }, point, name: what);
        }
        finally
        {
            for (int k = 0; k < weights.Length; k++) weights[k].Assign(original[k]);
        }
    }

    /// <summary>
    /// out = inner (the values), with ∂L/∂targetᵢ := ∂L/∂sourceᵢ: the gradient that would reach the layer's own
    /// variables (<c>sources</c>) is delivered to GradCheck's (<c>targets</c>) instead.
    /// </summary>
    private sealed class Bridge : Function<double>
    {
        private Variable<double>? _inner;
        private Variable<double>[] _sources = [];

        private Bridge(Variable<double>[] targets) : base(targets)
        {
        }

        public override string Name => "layer";

        public static Variable<double> Apply(Variable<double> inner, Variable<double>[] sources, Variable<double>[] targets)
        {
            var node = new Bridge(targets) { _inner = inner, _sources = sources };
            return node.Output(inner.Data);
        }

        public override Tensor<double>?[] Backward(Tensor<double> dOut)
        {
            // The layer's output may not depend on some weight (none does on an unused one): Gradients.Of gives zeros then.
            if (!_inner!.RequiresGrad) return new Tensor<double>?[Inputs.Length];
            return Gradients.Of(_inner, _sources, dOut);
        }
    }
}

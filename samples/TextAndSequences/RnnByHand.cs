using System.Globalization;
using DeepSeq.Autograd;
using DeepSeq.Layers;
using DeepSeq.Samples.Data;
using DeepSeq.Samples.Experiments;

namespace DeepSeq.Samples.TextAndSequences;

/// <summary>
/// B4, the book's NumPy RNN (listing 6.19) with plain tensor ops: 100 timesteps of 32 inputs, 64 outputs,
/// <c>output_t = tanh(W·x_t + U·h + b)</c>, h the previous output; the outputs stacked into (100, 64). Then the same
/// weights in a <see cref="SimpleRnn"/> layer, which must give the same outputs.
/// </summary>
/// <remarks><para>The inputs are uniform in [0, 1) as the book's; the weights are uniform in [−0.1, 0.1) rather than
/// the book's [0, 1), which drives every pre-activation past 8 and every tanh to exactly 1, so the comparison with
/// the layer would check nothing.</para>
/// <para>The listing ends with <c>np.concatenate(successive_outputs, axis=0)</c>, which gives (6400,), not the
/// (timesteps, output_features) its comment promises; stacking gives (100, 64).</para></remarks>
public sealed class RnnByHand : Experiment
{
    /// <summary>The listing's sizes.</summary>
    public const int Timesteps = 100, InputFeatures = 32, OutputFeatures = 64;

    /// <inheritdoc/>
    public override string Id => "B4";
    /// <inheritdoc/>
    public override string Title => "A simple RNN with plain tensor ops (the book's NumPy loop), checked against " +
                                    "the SimpleRNN layer";
    /// <inheritdoc/>
    public override string Reference => "output (100, 64)";

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var random = new Generator((ulong)context.Seed);
        Tensor<double> Random(double low, double high, params int[] shape) =>
            Tensor.RandomUniform<double>(new Shape(shape), random, low, high);
        var inputs = Random(0, 1, Timesteps, InputFeatures);
        var w = Random(-0.1, 0.1, OutputFeatures, InputFeatures);
        var u = Random(-0.1, 0.1, OutputFeatures, OutputFeatures);
        var b = Random(-0.1, 0.1, OutputFeatures);

        var state = Tensor.Zeros<double>([OutputFeatures]);
        var outputs = new List<Tensor<double>>();
        for (int t = 0; t < Timesteps; t++)
        {
            var x = inputs.Narrow(0, t, 1).Squeeze(0);
            state = (w.MatMul(x.Unsqueeze(1)).Squeeze(1) + u.MatMul(state.Unsqueeze(1)).Squeeze(1) + b).Tanh();
            outputs.Add(state.Unsqueeze(0));
        }
        var stacked = Tensor.Concat(outputs, 0);
        context.Output.WriteLine($"final_output_sequence: {stacked.Shape}");

        // Keras stores the transposes: kernel (inputs, units), recurrent_kernel (units, units).
        var layer = new SimpleRnn(OutputFeatures, returnSequences: true);
        layer.Call(new Variable<double>(Tensor.Zeros<double>([1, Timesteps, InputFeatures])));
        layer.SetWeights<double>([w.Transpose(0, 1).Copy(), u.Transpose(0, 1).Copy(), b]);
        var fromLayer = layer.Call(new Variable<double>(inputs.Unsqueeze(0))).Data.Squeeze(0);
        double difference = (fromLayer - stacked).Abs().Max().Item();
        context.Output.WriteLine("SimpleRNN with the same weights: largest difference " +
                                 difference.ToString("G3", CultureInfo.InvariantCulture));
        var metrics = new Dictionary<string, double>
        {
            ["timesteps"] = stacked.Shape[0], ["output_features"] = stacked.Shape[1],
            ["max_difference_from_layer"] = difference,
        };
        return new ExperimentResult(new DataOrigin("none", false, null, "no data: random inputs and weights"),
            metrics, 0);
    }
}

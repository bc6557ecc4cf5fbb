namespace DeepSeq.Layers;

/// <summary>
/// The values of a model's weights at one moment, to put back later (EarlyStopping's best weights, a file's weights
/// decoded before any is assigned). Tensors are never modified in place — an optimizer step assigns new ones — so the
/// snapshot holds references, not copies.
/// </summary>
internal sealed class WeightSnapshot
{
    // Each value is a copy (optimizer steps update weights in place) as a Tensor<float> or Tensor<double>, in its
    // weight's dtype, so putting it back converts nothing; the optimizer copies it again before stepping.
    private readonly (Weight Weight, object Value)[] _values;

    internal WeightSnapshot((Weight, object)[] values) => _values = values;

    public static WeightSnapshot Take(Model model) => new(model.Weights.Select(w => (w, w.DType == typeof(float)
        ? (object)w.Variable<float>().Data.Copy()
        : w.Variable<double>().Data.Copy())).ToArray());

    public void Restore()
    {
        foreach (var (weight, value) in _values)
        {
            if (value is Tensor<float> f) weight.Assign(f);
            else weight.Assign((Tensor<double>)value);
        }
    }
}

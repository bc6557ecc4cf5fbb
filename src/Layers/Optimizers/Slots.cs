namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// The state an optimizer keeps for one parameter between steps — SGD's velocity, Adam's m and v — as
/// named tensors with the parameter's shape, on the parameter's device.
/// </summary>
/// <remarks>
/// Keras calls these the optimizer's variables (<c>add_variable_from_reference(variable, "momentum")</c>).
/// A slot is created the first time an update rule asks for it, filled with zeros or with the rule's initial
/// value (Adagrad starts its accumulator at 0.1). Each step then updates it in place (the fused kernel of
/// src/Kernels/Cpu/OptimizerUpdate.cs), so a tensor read from <see cref="All"/> is live: it shows every later
/// step; <c>Copy()</c> it to keep a step's value.
/// </remarks>
public sealed class Slots<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, Tensor<T>> _tensors = [];

    internal Slots(Shape shape, Device device)
    {
        Shape = shape;
        Device = device;
    }

    /// <summary>The parameter's shape, which every slot has.</summary>
    public Shape Shape { get; }

    /// <summary>The parameter's device, where every slot lives.</summary>
    public Device Device { get; }

    /// <summary>The slots created so far, by name.</summary>
    public IReadOnlyDictionary<string, Tensor<T>> All => _tensors;

    /// <summary>The slot called <paramref name="name"/>; on first use a tensor full of
    /// <paramref name="initialValue"/>.</summary>
    public Tensor<T> Get(string name, double initialValue = 0.0)
    {
        if (!_tensors.TryGetValue(name, out var slot))
            _tensors[name] = slot = Tensor.Full(Shape, T.CreateChecked(initialValue), Device);
        return slot;
    }

    // The weight tensor the optimizer gave its own buffer and updates in place (see Optimizer.OwnWeight).
    internal Tensor<T>? Weight { get; set; }
}

namespace DeepSeq.Layers.Optimizers;

/// <summary>
/// The state an optimizer keeps for one parameter between steps — SGD's velocity, Adam's m and v — as
/// named tensors with the parameter's shape, on the parameter's device.
/// </summary>
/// <remarks>
/// Keras calls these the optimizer's variables (<c>add_variable_from_reference(variable, "momentum")</c>).
/// A slot is created the first time an update rule asks for it, filled with zeros or with the rule's initial
/// value (Adagrad starts its accumulator at 0.1); the rule then stores its new value with <see cref="Set"/>.
/// Tensors are immutable, so "updating" a slot means replacing it.
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

    /// <summary>Replaces the slot called <paramref name="name"/> with its value after this step.</summary>
    public void Set(string name, Tensor<T> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Shape != Shape)
            throw new ArgumentException(
                $"optimizer slot '{name}': new value has shape {value.Shape}, the parameter {Shape}", nameof(value));
        if (!ReferenceEquals(value.Device, Device))
            throw new ArgumentException(
                $"optimizer slot '{name}': new value lives on {value.Device.Name}, the parameter on {Device.Name}",
                nameof(value));
        _tensors[name] = value;
    }
}

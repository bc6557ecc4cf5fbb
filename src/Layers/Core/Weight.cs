using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// One named weight of a layer (a Dense layer's <c>kernel</c> and <c>bias</c>): a leaf <see cref="Variable{T}"/>
/// in the dtype the layer was built with, plus whether the optimizer may change it and its regulariser.
/// </summary>
/// <remarks>
/// A layer is built in the dtype of the first input it sees (float32 normally; float64 when a gradient check
/// feeds it doubles), so the variable is stored untyped and read back with <see cref="Variable{T}"/>.
/// </remarks>
public sealed class Weight
{
    private readonly object _variable;
    private readonly bool _trainable;

    internal Weight(
        Layer owner, string name, object variable, Type dtype, Shape shape, bool trainable, Regularizer? regularizer)
    {
        Owner = owner;
        Name = name;
        _variable = variable;
        DType = dtype;
        Shape = shape;
        _trainable = trainable;
        Regularizer = regularizer;
    }

    /// <summary>The layer the weight belongs to.</summary>
    public Layer Owner { get; }

    /// <summary>The weight's own name, e.g. <c>kernel</c>.</summary>
    public string Name { get; }

    /// <summary>The name weight files use: <c>layer/weight</c>, e.g. <c>dense_1/kernel</c>.</summary>
    public string Path => $"{Owner.Name}/{Name}";

    /// <summary><see cref="float"/> or <see cref="double"/>.</summary>
    public Type DType { get; }

    /// <summary>
    /// Whether an optimizer may update it: its own flag and its layer's <see cref="Layer.Trainable"/>.
    /// </summary>
    public bool Trainable => _trainable && Owner.Trainable;

    /// <summary>The penalty this weight adds to the training loss, if any (Keras <c>kernel_regularizer</c>).</summary>
    public Regularizer? Regularizer { get; }

    /// <summary>The shape (fixed: <see cref="Assign{T}"/> refuses any other).</summary>
    public Shape Shape { get; }

    /// <summary>The number of scalars it holds.</summary>
    public int Size => Shape.Size;

    /// <summary>
    /// The graph leaf a layer's <c>Forward</c> computes with and an optimizer updates. <typeparamref name="T"/> must
    /// be the dtype the layer was built in; anything else is a clear error, not a silent conversion.
    /// </summary>
    public Variable<T> Variable<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => _variable as Variable<T> ?? throw new InvalidOperationException(
            $"{Path}: the weight is {DTypeName(DType)} but was asked for as {DTypeName(typeof(T))}; "
            + "a layer keeps the dtype of the first input it was built with");

    /// <summary>
    /// The current value converted to <typeparamref name="T"/> (Keras <c>get_weights</c> for one weight); a copy, so
    /// changing the weight later does not change it.
    /// </summary>
    public Tensor<T> ToTensor<T>() where T : unmanaged, IFloatingPointIeee754<T>
        => DType == typeof(float) ? Variable<float>().Data.Cast<T>() : Variable<double>().Data.Cast<T>();

    /// <summary>
    /// Replaces the value (Keras <c>set_weights</c> for one weight): the shape must be <see cref="Shape"/>, checked;
    /// the value is converted to the weight's <see cref="DType"/> and moved to its device.
    /// </summary>
    public void Assign<T>(Tensor<T> value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (value.Shape != Shape)
            throw new ArgumentException(
                $"{Path}: cannot assign a value of shape {value.Shape} to a weight of shape {Shape}");
        if (DType == typeof(float)) AssignExact(Variable<float>(), value as Tensor<float> ?? value.Cast<float>());
        else AssignExact(Variable<double>(), value as Tensor<double> ?? value.Cast<double>());
    }

    private static void AssignExact<TW>(Variable<TW> variable, Tensor<TW> value)
        where TW : unmanaged, IFloatingPointIeee754<TW>
        => variable.Assign(value.Device == variable.Data.Device ? value : value.To(variable.Data.Device));

    /// <summary>The path, dtype and shape, e.g. <c>dense/kernel float32(3, 2)</c>.</summary>
    public override string ToString() => $"{Path} {DTypeName(DType)}{Shape}";

    internal static string DTypeName(Type t)
        => t == typeof(float) ? "float32" : t == typeof(double) ? "float64" : t.Name;
}

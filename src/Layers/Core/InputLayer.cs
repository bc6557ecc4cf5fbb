using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// The layer behind a model input (Keras <c>InputLayer</c>): no weights, passes its input through. Made by
/// <see cref="Input"/>; shown in functional models' summaries as <c>input_1 (InputLayer)</c>.
/// </summary>
public sealed class InputLayer : Layer
{
    /// <summary>An input of samples shaped <paramref name="shape"/>.</summary>
    public InputLayer(int?[] shape, string? name = null, Type? dtype = null)
        : base(name ?? Session.UniqueName("input", zeroBased: false))
    {
        OutputShape = SymbolicShape.Batched(shape);   // validates the dimensions
        InputDType = dtype ?? typeof(float);
        if (InputDType != typeof(float) && InputDType != typeof(double))
            throw new ArgumentException(
                $"{Name}: inputs are float32 or float64 (integer ids are " +
                $"fed as floats, as Keras casts them), not {InputDType.Name}");
        Build([OutputShape], InputDType);
    }

    /// <summary>(None, …shape).</summary>
    public SymbolicShape OutputShape { get; }

    /// <summary>The dtype fed in.</summary>
    public Type InputDType { get; }

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input) => input;

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => SameKnownSampleDims(built, actual);

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training) => x;
}

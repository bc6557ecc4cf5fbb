using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>Keras <c>Activation(activation)</c>: applies an activation function (see <see cref="Activations"/>) to
/// every element.</summary>
public sealed class Activation : Layer
{
    /// <summary>A layer applying <paramref name="activation"/>.</summary>
    public Activation(string activation, string? name = null) : base(name)
        => Function = Activations.Resolve(activation, Name);

    /// <summary>The activation's name.</summary>
    public string Function { get; }

    /// <summary>Passes a mask on unchanged, as Keras does.</summary>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input) => input;

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual) => true;

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training) => Activations.Apply(Function, x);

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig()) { ["activation"] = Function };
}

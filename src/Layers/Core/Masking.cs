using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Masking(mask_value=0.0)</c>: marks as padding every time step whose features all equal
/// <see cref="MaskValue"/>, so the recurrent layers after it carry their state through those steps.
/// </summary>
/// <remarks>
/// On (batch, steps, features): mask[b, t] = any over f of x[b, t, f] ≠ mask_value, and the output is
/// x ⊙ mask[..., None], as Keras computes it (the masked steps become zeros; the others pass unchanged, and so do
/// their gradients). Use it where sequences of vectors, not ids, are padded: BERT's hidden states of padded
/// tokens, for example, zeroed before a BiLSTM reads them.
/// </remarks>
public sealed class Masking : Layer
{
    /// <summary>A masking layer for steps whose features all equal <paramref name="maskValue"/>.</summary>
    public Masking(double maskValue = 0.0, string? name = null) : base(name)
    {
        if (!double.IsFinite(maskValue))
            throw new ArgumentException($"{Name}: the mask value must be finite, got {maskValue}");
        MaskValue = maskValue;
    }

    /// <summary>The value that marks a padded step (Keras <c>mask_value</c>).</summary>
    public double MaskValue { get; }

    /// <summary>Masking makes masks and passes them on.</summary>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input)
        => input.Rank >= 3 ? input
            : throw new ArgumentException($"{Name}: Masking takes (batch, steps, features), got {input}");

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => SameKnownSampleDims(built, actual);

    /// <summary>1 where a step has a feature other than the mask value, 0 where all equal it: (batch, steps).
    /// An incoming mask is replaced, as Keras's Masking does.</summary>
    public override Tensor<T>? ComputeMask<T>(Tensor<T> input, Tensor<T>? inputMask) => StepMask(input);

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training)
        => x * new Variable<T>(StepMask(x.Data).Unsqueeze(-1));

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig()) { ["mask_value"] = MaskValue };

    private Tensor<T> StepMask<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => x.NotEqual(x.Scalar(T.CreateChecked(MaskValue))).Max(-1);
}

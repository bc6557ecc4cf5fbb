using DeepSeq.Autograd;

namespace DeepSeq.Layers;

/// <summary>
/// Keras <c>Dropout(rate, noise_shape=None, seed=None)</c>, inverted dropout: while training each element is
/// zeroed with probability <c>rate</c> and the survivors are scaled by 1/(1 − rate), so the expected output equals
/// the input and inference needs no rescaling; outside training the layer is the identity.
/// </summary>
/// <remarks>
/// <para>The mask is drawn from the layer's own seed (see <see cref="Session"/>), a fresh one at every training call:
/// two runs with the same seed drop the same elements.</para>
/// <para><c>noiseShape</c> (Keras's noise_shape) gives the mask a shape that broadcasts against the input, e.g.
/// (batch, 1, features) drops the same features at every time step; <c>null</c> entries take the input's size.</para>
/// </remarks>
public sealed class Dropout : Layer
{
    /// <summary>A dropout layer zeroing a fraction <paramref name="rate"/> of its input while training.</summary>
    /// <param name="rate">in [0, 1)</param>
    /// <param name="noiseShape">the mask's shape (broadcast against the input), or null for the input's own
    /// shape</param>
    /// <param name="name">layer name</param>
    public Dropout(double rate, int?[]? noiseShape = null, string? name = null) : base(name)
    {
        if (!(rate >= 0 && rate < 1))
            throw new ArgumentException($"{Name}: the dropout rate must be in [0, 1), got {rate}");
        Rate = rate;
        NoiseShape = noiseShape is null ? null : (int?[])noiseShape.Clone();
    }

    /// <summary>The fraction dropped.</summary>
    public double Rate { get; }

    /// <summary>The mask's shape, or null for the input's.</summary>
    public IReadOnlyList<int?>? NoiseShape { get; }

    /// <summary>Passes a mask on unchanged, as Keras does.</summary>
    public override bool SupportsMasking => true;

    /// <inheritdoc/>
    protected override SymbolicShape ComputeOutputShape(SymbolicShape input)
    {
        if (NoiseShape is not null && NoiseShape.Count != input.Rank)
            throw new ArgumentException(
                $"{Name}: noise shape ({string.Join(", ", NoiseShape)}) must have the input's rank, input {input}");
        return input;
    }

    /// <inheritdoc/>
    protected override bool IsCompatible(SymbolicShape built, SymbolicShape actual)
        => NoiseShape is null || actual.Rank == built.Rank;

    /// <inheritdoc/>
    protected override Variable<T> Forward<T>(Variable<T> x, bool training)
    {
        if (!training || Rate == 0) return x;
        int[] maskShape = NoiseShape is null
            ? x.Shape.ToArray()
            : NoiseShape.Select((d, i) => d ?? x.Shape[i]).ToArray();
        T keep = T.CreateChecked(1 - Rate);
        var mask = Tensor.Bernoulli<T>(maskShape, Random, keep, x.Data.Device) / keep;
        return x * new Variable<T>(mask);
    }

    /// <inheritdoc/>
    public override IReadOnlyDictionary<string, object?> GetConfig()
        => new Dictionary<string, object?>(base.GetConfig())
        {
            ["rate"] = Rate, ["noise_shape"] = NoiseShape, ["seed"] = Seed,
        };
}
